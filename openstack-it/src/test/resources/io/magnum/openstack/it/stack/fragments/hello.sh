#!/bin/sh
echo "hello from a file given to Heat"
