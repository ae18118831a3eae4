#!/usr/bin/env bash
# Generates folio's man pages (folio.1 and folio-SUBCOMMAND.1, gzipped) and its bash and zsh
# completions from the program's own --help, so they never disagree with it (#21).
# Usage: folio-docs.sh FOLIO OUT_DIR VERSION   (run by the build: target folio_docs)
set -euo pipefail
folio=$1 out=$2 version=$3
mkdir -p "$out/man"
export COLUMNS=100

# Roff-safe text: backslashes escaped, a line starting with . or ' protected.
roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
subcommands=$("$folio" --help | awk '/^Subcommands:/ {f = 1; next} f && /^  [a-z]/ {print $1} f && /^$/ {f = 0}')
summary() { "$folio" --help | awk -v s="$1" '/^Subcommands:/ {f = 1; next} f && $1 == s {$1 = ""; sub(/^ +/, ""); print}'; }
options_of() {  # every -x and --long option a help text lists
  "$@" --help | grep -E '^  +-' | sed -E 's/^ +//; s/ .*//' | tr ',' '\n' | grep '^-' | sort -u
}

{
  echo ".TH FOLIO 1 \"\" \"folio $version\" \"User Commands\""
  echo ".SH NAME"
  echo "folio \\- XML content and a style sheet to print-ready PDF and accessible HTML"
  echo ".SH SYNOPSIS"
  echo ".B folio"
  echo "\\fISUBCOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]"
  echo ".SH DESCRIPTION"
  echo "folio lays out an XML content source with a style sheet into a paginated PDF and an HTML"
  echo "version of the same document. Each subcommand has a manual page of its own."
  echo ".SH COMMANDS"
  for s in $subcommands; do echo ".TP"; echo ".BR folio\\-$s (1)"; summary "$s" | roff; done
  echo ".SH OPTIONS"
  echo ".nf"
  "$folio" --help | roff
  echo ".fi"
  echo ".SH ENVIRONMENT"
  echo ".TP"; echo ".B FOLIO_DATA_DIR"
  echo "The data folder (styles/, schemas/, examples/). Unset: share/folio beside the program's folder"
  echo "(/usr/bin/folio uses /usr/share/folio); folio \\-\\-version names the one in use."
  echo ".TP"; echo ".B NO_COLOR"
  echo "When set and not empty, diagnostics are not coloured unless \\-\\-color always is given."
  echo ".TP"; echo ".B SOURCE_DATE_EPOCH"
  echo "The creation date written into PDF files, for reproducible outputs."
  echo ".SH EXIT STATUS"
  echo "0 success, 1 the input is wrong (nothing written), 2 usage error."
  echo ".SH FILES"
  echo ".TP"; echo ".I /usr/share/folio/styles/brochure.xml"; echo "The default style sheet."
  echo ".TP"; echo ".I /usr/share/folio/examples/iom-budapest.xml"; echo "The example brochure."
  echo ".SH SEE ALSO"
  for s in $subcommands; do printf '.BR folio\\-%s (1)\n' "$s"; done
} > "$out/man/folio.1"

for s in $subcommands; do
  {
    echo ".TH FOLIO-${s^^} 1 \"\" \"folio $version\" \"User Commands\""
    echo ".SH NAME"
    echo "folio\\-$s \\- $(summary "$s" | roff)"
    echo ".SH SYNOPSIS AND OPTIONS"
    echo ".nf"
    "$folio" "$s" --help | roff
    echo ".fi"
    echo ".SH SEE ALSO"
    echo ".BR folio (1)"
  } > "$out/man/folio-$s.1"
done
gzip -9nf "$out"/man/*.1

# bash: subcommands first, then the chosen subcommand's options, else file names.
{
  echo "# bash completion for folio $version (generated from folio --help by cmake/folio-docs.sh)"
  echo "_folio() {"
  echo '    local cur=${COMP_WORDS[COMP_CWORD]} sub=${COMP_WORDS[1]} opts'
  echo '    if [ "$COMP_CWORD" -eq 1 ]; then'
  echo "        COMPREPLY=(\$(compgen -W '$(echo $subcommands) -h --help -V --version' -- \"\$cur\"))"
  echo '        return'
  echo '    fi'
  echo '    case $sub in'
  for s in $subcommands; do echo "        $s) opts='$(options_of "$folio" "$s" | tr '\n' ' ' | sed 's/ $//')' ;;"; done
  echo "        *) opts='' ;;"
  echo '    esac'
  echo '    if [[ $cur == -* ]]; then'
  echo '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))'
  echo '    else'
  echo '        COMPREPLY=($(compgen -f -- "$cur"))'
  echo '    fi'
  echo '}'
  echo 'complete -o filenames -o bashdefault -F _folio folio'
} > "$out/folio.bash"

# zsh: the same, with _arguments.
{
  echo "#compdef folio"
  echo "# zsh completion for folio $version (generated from folio --help by cmake/folio-docs.sh)"
  echo "_folio() {"
  echo "  local -a subcommands"
  echo "  subcommands=("
  for s in $subcommands; do echo "    '$s:$(summary "$s" | sed "s/'/'\\\\''/g; s/:/\\\\:/g")'"; done
  echo "  )"
  echo "  if (( CURRENT == 2 )); then _describe 'subcommand' subcommands; return; fi"
  echo '  case $words[2] in'
  for s in $subcommands; do echo "    $s) _arguments '*:file:_files' $(options_of "$folio" "$s" | sed "s/.*/'&'/" | tr '\n' ' ') ;;"; done
  echo '  esac'
  echo "}"
  echo '_folio "$@"'
} > "$out/_folio"
