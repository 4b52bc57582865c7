#!/bin/sh
# Installs this cordumctl distribution: copies it to $PREFIX/share/cordumctl (default
# ~/.local), links $PREFIX/bin/cordumctl, and writes the bash and zsh completion scripts.
set -e
here=$(cd "$(dirname "$0")" && pwd -P)
prefix=${PREFIX:-$HOME/.local}
dest="$prefix/share/cordumctl"
mkdir -p "$dest" "$prefix/bin"
rm -rf "$dest.new"
cp -R "$here" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sf "$dest/bin/cordumctl" "$prefix/bin/cordumctl"
mkdir -p "$prefix/share/bash-completion/completions" "$dest/completion"
"$dest/bin/cordumctl" completion bash > "$prefix/share/bash-completion/completions/cordumctl"
"$dest/bin/cordumctl" completion zsh > "$dest/completion/cordumctl.zsh"
echo "cordumctl installed: $prefix/bin/cordumctl"
echo "zsh completion: add 'source $dest/completion/cordumctl.zsh' to ~/.zshrc"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to your PATH" ;;
esac
