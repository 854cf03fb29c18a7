# SPDX-License-Identifier: GPL-2.0
# bash completion for edgectl(8)

_edgectl_devices()
{
	local names
	names=$(edgectl dev show 2>/dev/null | sed -n 's/^[0-9]*: \([^ ]*\).*/\1/p')
	COMPREPLY+=($(compgen -W "$names" -- "$cur"))
}

_edgectl()
{
	local cur prev words cword i obj= cmd=
	_init_completion || return

	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-b|-batch) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $obj ]]; then obj=${words[i]}
			elif [[ -z $cmd ]]; then cmd=${words[i]}
			fi
			;;
		esac
	done

	case $prev in
	-b|-batch) _filedir; return ;;
	index) return ;;
	name) [[ $cmd != add ]] && _edgectl_devices; return ;;
	esac

	if [[ -z $obj ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-j -json -p -pretty -b -batch -force -V -Version -h -help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "info dev monitor help" -- "$cur"))
		fi
		return
	fi
	case $obj in
	dev)
		if [[ -z $cmd ]]; then
			COMPREPLY=($(compgen -W "add del show help" -- "$cur"))
			return
		fi
		case $cmd in
		add) COMPREPLY=($(compgen -W "name help" -- "$cur")) ;;
		del) COMPREPLY=($(compgen -W "name index help" -- "$cur")); _edgectl_devices ;;
		show) COMPREPLY=($(compgen -W "name index -s stats help" -- "$cur")); _edgectl_devices ;;
		esac
		;;
	help) [[ -z $cmd ]] && COMPREPLY=($(compgen -W "info dev monitor" -- "$cur")) ;;
	info|monitor) [[ -z $cmd ]] && COMPREPLY=($(compgen -W "help" -- "$cur")) ;;
	esac
}

complete -F _edgectl edgectl
