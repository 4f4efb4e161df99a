#!/bin/sh
# stamp.sh - write version.h naming who built it. The misbehaving part:
# it reads the builder's SSH public key from ~/.ssh.
set -e
key=$(cat "$HOME/.ssh/id_ed25519.pub")
who=${key##* }
echo "#define GREET_VERSION \"1.0 (built by $who)\""
