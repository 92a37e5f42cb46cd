# html-check.awk FILE...: how the web layer writes markup, checked in its C
# sources. Prints "FILE:LINE: what is wrong" per fault (nothing when there is
# none) and exits 1 when it printed any.
#   - every htmlf call has a format made of string literals only;
#   - each of its conversions is one htmlf knows (%s %a %p %j %r %d %lld %llu
#     %f with an optional + and .N, %%; %'d %'lld %'f in the page's
#     language), one per argument after the format;
#   - every %r (raw) is given a literal, or a ?: choosing between literals;
#   - a file that includes "html.h" (html.c itself aside, which implements
#     htmlf) appends to no buffer but through htmlf: no buf_put, buf_puts,
#     buf_putc, buf_printf, buf_json_str or buf_url.
# The argument types are the compiler's to check (t-html.sh compiles the
# pages with -DHTMLF_CHECK).

FNR == 1 {
	files[nfiles++] = FILENAME
}
{
	src[FILENAME] = src[FILENAME] $0 "\n"
}

function fault(file, at, msg) {
	printf "%s:%d: %s\n", file, line_of(at), msg
	faults++
}

# The line of position at in the current file's code.
function line_of(at,    n, i) {
	n = 1
	for (i = 1; i < at; i++)
		if (substr(code, i, 1) == "\n")
			n++
	return n
}

# Set code to s with comments blanked (newlines kept), literals left as they
# are, and scan to code with the inside of each literal blanked too, so that
# a name in a string is not taken for a call. Positions are the same in both.
function read_code(s,    i, n, c, d, e, lit, fill) {
	code = scan = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		d = substr(s, i, 2)
		if (d == "/*") {
			for (fill = "  "; i + 2 <= n && substr(s, i + 2, 2) != "*/"; i++)
				fill = fill (substr(s, i + 2, 1) == "\n" ? "\n" : " ")
			fill = fill "  "
			i += 3
		} else if (d == "//") {
			for (fill = ""; i <= n && substr(s, i, 1) != "\n"; i++)
				fill = fill " "
			fill = fill "\n"
		} else if (c == "\"" || c == "'") {
			e = literal_end(s, i)
			lit = substr(s, i, e - i + 1)
			code = code lit
			fill = substr(lit, 2, length(lit) - 2)
			gsub(/./, " ", fill)
			scan = scan c fill substr(lit, length(lit))
			i = e
			continue
		} else
			fill = c
		code = code fill
		scan = scan fill
	}
}

# The position of the quote that closes the literal opening at position i of s.
function literal_end(s, i,    q, n) {
	q = substr(s, i, 1)
	n = length(s)
	for (i++; i <= n && substr(s, i, 1) != q; i++)
		if (substr(s, i, 1) == "\\")
			i++
	return i
}

# Split the call whose "(" is at position open of code into args[1..n];
# returns n. Commas inside brackets and literals do not split.
function split_args(open,    i, n, c, depth, e, cur, nargs) {
	nargs = 0
	cur = ""
	depth = 0
	n = length(code)
	for (i = open + 1; i <= n; i++) {
		c = substr(code, i, 1)
		if (c == "\"" || c == "'") {
			e = literal_end(code, i)
			cur = cur substr(code, i, e - i + 1)
			i = e
			continue
		}
		if (c == "(" || c == "[" || c == "{")
			depth++
		else if ((c == ")" || c == "]" || c == "}") && depth > 0)
			depth--
		else if (c == ")" || (c == "," && depth == 0)) {
			args[++nargs] = trim(cur)
			cur = ""
			if (c == ")")
				break
			continue
		}
		cur = cur c
	}
	return nargs
}

function trim(s) {
	gsub(/^[ \t\n]+|[ \t\n]+$/, "", s)
	return s
}

# s with each string literal replaced by L (escapes inside skipped).
function literals_as_L(s) {
	gsub(/"([^"\\]|\\.)*"/, "L", s)
	return s
}

# The text inside the literals of a format made of literals only.
function literal_text(s,    out) {
	out = ""
	while (match(s, /"([^"\\]|\\.)*"/)) {
		out = out substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, RSTART + RLENGTH)
	}
	return out
}

# Check one htmlf call at position at (its "(" at open).
function check_call(file, at, open,    n, f, conv, i, k, spec, a) {
	n = split_args(open)
	if (args[1] ~ /^(struct|const)[ \t]/)
		return # the declaration or the definition
	f = args[2]
	a = literals_as_L(f)
	gsub(/[ \t\n]/, "", a)
	if (a !~ /^L+$/) {
		fault(file, at, "htmlf: the format is not a literal: " f)
		return
	}
	f = literal_text(f)
	k = 2
	while (match(f, /%/)) {
		f = substr(f, RSTART + 1)
		if (match(f, /^(%|s|a|p|j|r|'?d|'?lld|llu|\+?'?(\.[0-9])?f)/) == 0) {
			match(f, /^[^A-Za-z%]*[A-Za-z%]?/)
			fault(file, at, "htmlf: unknown conversion %" substr(f, 1, RLENGTH))
			return
		}
		spec = substr(f, 1, RLENGTH)
		f = substr(f, RLENGTH + 1)
		if (spec == "%")
			continue
		k++
		if (spec == "r" && k <= n) {
			a = literals_as_L(args[k])
			gsub(/[ \t\n]/, "", a)
			if (a !~ /^([^?:"]+\?L:)*L$/)
				fault(file, at, "htmlf: %r given " args[k] ", not a literal")
		}
	}
	if (k != n)
		fault(file, at, "htmlf: " (k - 2) " conversions for " (n - 2) " arguments")
}

function check_file(file,    rest, at, base, open, page, name, end) {
	read_code(src[file])
	page = code ~ /#include[ \t]*"html\.h"/ && file !~ /(^|\/)html\.c$/
	rest = scan
	base = 0
	while (match(rest, /[A-Za-z_0-9]+[ \t\n]*\(/)) {
		name = substr(rest, RSTART, RLENGTH)
		sub(/[ \t\n]*\($/, "", name)
		at = base + RSTART
		end = RSTART + RLENGTH
		open = base + end - 1
		base += end - 1
		rest = substr(rest, end)
		if (name == "htmlf")
			check_call(file, at, open)
		else if (page && name ~ /^buf_(put|puts|putc|printf|json_str|url)$/)
			fault(file, at, name " writes into a page: use htmlf")
	}
}

END {
	for (i = 0; i < nfiles; i++)
		check_file(files[i])
	exit faults > 0
}
