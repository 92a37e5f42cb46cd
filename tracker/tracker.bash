# bash completion for tracker: commands, each command's options, and the
# stage, team and map names of the database (tracker test-complete asks it).
_tracker() {
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}
	local db=() cmd= i commands
	commands=$(tracker test-complete commands 2>/dev/null)
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--db) db=(--db "${words[i + 1]}"); ((i++)) ;;
		--db=*) db=(--db "${words[i]#--db=}") ;;
		-*) ;;
		*)
			# a two-word command (teams merge) is one command
			if [ -z "$cmd" ]; then
				cmd=${words[i]}
			elif [[ $cmd != *" "* ]] && grep -qxF "$cmd ${words[i]}" <<<"$commands"; then
				cmd="$cmd ${words[i]}"
			fi
			;;
		esac
	done
	local IFS=$'\n' names
	case $prev in
	--stage) names=$(tracker "${db[@]}" test-complete stages 2>/dev/null) ;;
	--team) names=$(tracker "${db[@]}" test-complete teams 2>/dev/null) ;;
	--map) names=$(tracker "${db[@]}" test-complete maps 2>/dev/null) ;;
	--format) names=$'table\ncsv\njson' ;;
	--color) names=$'auto\nalways\nnever' ;;
	--db | --file | --token-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [ -n "${names+x}" ]; then
		COMPREPLY=($(compgen -W "$names" -- "$cur"))
		local k
		for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=$(printf '%q' "${COMPREPLY[k]}"); done
		return
	fi
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$(cut -d' ' -f1 <<<"$commands" | sort -u)"$'\n--db\n--help\n--version' -- "$cur"))
	elif [[ $cur != -* ]] && grep -q "^$cmd " <<<"$commands"; then
		COMPREPLY=($(compgen -W "$(sed -n "s/^$cmd //p" <<<"$commands")" -- "$cur"))
	elif [ "$cmd" = team ] || [ "$cmd" = compare ] && [[ $cur != -* ]]; then
		names=$(tracker "${db[@]}" test-complete teams 2>/dev/null)
		COMPREPLY=($(compgen -W "$names" -- "$cur"))
		local k
		for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=$(printf '%q' "${COMPREPLY[k]}"); done
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(tracker test-complete options "$cmd" 2>/dev/null)" -- "$cur"))
	elif [ "$cmd" = import ]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	elif [ "$cmd" = help ]; then
		COMPREPLY=($(compgen -W "$(tracker test-complete commands 2>/dev/null)" -- "$cur"))
	fi
}
complete -F _tracker tracker
