# SPDX-License-Identifier: GPL-2.0
# bash completion for edgectl(8)

_edgectl_devices()
{
	local names
	names=$(edgectl dev show 2>/dev/null | sed -n 's/^[0-9]*: \([^ ]*\).*/\1/p')
	COMPREPLY+=($(compgen -W "$names" -- "$cur"))
}

# The rule being written at word $1: pdr, far, qer or urr (as the parser sees
# it: "far"/"qer"/"urr" followed by "id" start a rule, inside a PDR they name one).
_edgectl_rule()
{
	local i rule=
	for ((i = 1; i < $1; i++)); do
		case ${words[i]} in
		pdr) rule=pdr ;;
		far|qer|urr)
			[[ $rule != pdr || ${words[i+1]} == id ]] && rule=${words[i]} ;;
		remove-pdr|remove-far|remove-qer|remove-urr|reset-urr|peer-check) rule= ;;
		esac
	done
	echo "$rule"
}

_edgectl()
{
	local cur prev words cword i obj= cmd= rule
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
	index|seid|id|precedence|teid|local|ue|qfi|port|peer|dscp|mbr-ul|mbr-dl|\
	remove-pdr|remove-far|remove-qer|remove-urr|reset-urr|thresh-total|thresh-ul|\
	thresh-dl|quota-total|quota-ul|quota-dl) return ;;
	name) [[ $cmd != add || $obj != dev ]] && _edgectl_devices; return ;;
	dev)
		if [[ $obj != dev ]]; then
			COMPREPLY=($(compgen -W "index name" -- "$cur")); _edgectl_devices
		fi
		return ;;
	src-iface|dst-iface) COMPREPLY=($(compgen -W "access core dn cp" -- "$cur")); return ;;
	role) COMPREPLY=($(compgen -W "any n3 n9" -- "$cur")); return ;;
	ohr) COMPREPLY=($(compgen -W "gtpu-udp-ipv4 gtpu-udp-ipv6 gtpu-udp-ip" -- "$cur")); return ;;
	action) COMPREPLY=($(compgen -W "forw drop buff forw,nocp drop,nocp buff,nocp" -- "$cur"))
		return ;;
	gate-ul|gate-dl) COMPREPLY=($(compgen -W "open closed" -- "$cur")); return ;;
	peer-check) COMPREPLY=($(compgen -W "on off" -- "$cur")); return ;;
	far|qer|urr) [[ $(_edgectl_rule $((cword - 1))) == pdr ]] &&
			COMPREPLY=($(compgen -W "id" -- "$cur"))
		return ;;
	pdr) COMPREPLY=($(compgen -W "id" -- "$cur")); return ;;
	esac

	local pdr_kw="precedence src-iface far teid local ue qfi ohr qer urr"
	local far_kw="action dst-iface teid peer port qfi dscp"
	local qer_kw="gate-ul gate-dl mbr-ul mbr-dl qfi"
	local urr_kw="thresh-total thresh-ul thresh-dl quota-total quota-ul quota-dl"

	if [[ -z $obj ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-j -json -p -pretty -b -batch -force -V -Version -h -help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "info dev ep session pdr far qer urr peer monitor help" -- "$cur"))
		fi
		return
	fi
	case $obj in
	dev)
		if [[ -z $cmd ]]; then
			COMPREPLY=($(compgen -W "add set del show help" -- "$cur"))
			return
		fi
		case $cmd in
		add) COMPREPLY=($(compgen -W "name max-sessions max-rules help" -- "$cur")) ;;
		set) COMPREPLY=($(compgen -W "name index max-sessions max-rules help" -- "$cur"))
			_edgectl_devices ;;
		del) COMPREPLY=($(compgen -W "name index help" -- "$cur")); _edgectl_devices ;;
		show) COMPREPLY=($(compgen -W "name index -s stats help" -- "$cur")); _edgectl_devices ;;
		esac
		;;
	ep)
		case $cmd in
		'') COMPREPLY=($(compgen -W "add del show help" -- "$cur")) ;;
		add) COMPREPLY=($(compgen -W "dev port role help" -- "$cur")) ;;
		del) COMPREPLY=($(compgen -W "dev port help" -- "$cur")) ;;
		show) COMPREPLY=($(compgen -W "dev help" -- "$cur")) ;;
		esac
		;;
	peer)
		case $cmd in
		'') COMPREPLY=($(compgen -W "add del show help" -- "$cur")) ;;
		add) COMPREPLY=($(compgen -W "dev port interval retries help" -- "$cur")) ;;
		del|show) COMPREPLY=($(compgen -W "dev port help" -- "$cur")) ;;
		esac
		;;
	session)
		rule=$(_edgectl_rule "$cword")
		case $cmd in
		'') COMPREPLY=($(compgen -W "add mod del show help" -- "$cur")) ;;
		add|mod)
			local more="pdr far qer urr peer-check"
			[[ $cmd == mod ]] && more+=" remove-pdr remove-far remove-qer remove-urr reset-urr"
			case $rule in
			pdr) more+=" $pdr_kw" ;;
			far) more+=" $far_kw" ;;
			qer) more+=" $qer_kw" ;;
			urr) more+=" $urr_kw" ;;
			*) more+=" dev seid help" ;;
			esac
			COMPREPLY=($(compgen -W "$more" -- "$cur")) ;;
		del) COMPREPLY=($(compgen -W "dev seid help" -- "$cur")) ;;
		show) COMPREPLY=($(compgen -W "dev seid -s stats help" -- "$cur")) ;;
		esac
		;;
	pdr|far|qer|urr)
		local kw cmds="add change replace del help"
		case $obj in
		pdr) kw=$pdr_kw ;;
		far) kw=$far_kw ;;
		qer) kw=$qer_kw ;;
		urr) kw=$urr_kw; cmds+=" show reset" ;;
		esac
		case $cmd in
		'') COMPREPLY=($(compgen -W "$cmds" -- "$cur")) ;;
		del|show|reset) COMPREPLY=($(compgen -W "dev seid id help" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "dev seid id $kw help" -- "$cur")) ;;
		esac
		;;
	help) [[ -z $cmd ]] && COMPREPLY=($(compgen -W "info dev ep session pdr far qer urr peer monitor" -- "$cur")) ;;
	info|monitor) [[ -z $cmd ]] && COMPREPLY=($(compgen -W "help" -- "$cur")) ;;
	esac
}

complete -F _edgectl edgectl
