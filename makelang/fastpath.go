package makelang

import "strings"

// shellChars are the characters that make a recipe line the shell's (GNU make 4.3, job.c, Unix).
const shellChars = "#;\"*?[]&|<>(){}$`^~!"

// shellBuiltins are the command names make leaves to the shell (job.c's sh_cmds, Unix).
var shellBuiltins = map[string]bool{
	".": true, ":": true, "alias": true, "bg": true, "break": true, "case": true, "cd": true, "command": true,
	"continue": true, "eval": true, "exec": true, "exit": true, "export": true, "fc": true, "fg": true, "for": true,
	"getopts": true, "hash": true, "if": true, "jobs": true, "login": true, "logout": true, "read": true,
	"readonly": true, "return": true, "set": true, "shift": true, "test": true, "times": true, "trap": true,
	"type": true, "ulimit": true, "umask": true, "unalias": true, "unset": true, "wait": true, "while": true,
}

// CommandArgv is GNU make's fast path for a recipe line run by the default shell (/bin/sh -c): when the
// line has nothing for a shell to do (no special character outside single quotes, no leading VAR=value
// word, no built-in command), make splits it into words itself and runs the program directly, without a
// shell. ok is false when the line needs the shell; argv is empty for a blank line. Running a program
// directly is visible: a death by signal is make's to report ("Aborted"), and a missing program is
// make's "prog: No such file or directory" with status 127.
func CommandArgv(line string) (argv []string, ok bool) {
	line = strings.TrimLeft(line, " \t")
	if line == "" {
		return nil, true
	}
	var (
		word                     strings.Builder
		inString                 byte
		wordHasEquals, seenPlain bool
		lastWasEmptyString       bool
	)
	for p := 0; p < len(line); p++ {
		c := line[p]
		if inString != 0 {
			switch {
			case c == inString:
				inString = 0
				if word.Len() == 0 {
					lastWasEmptyString = true
				}
			case c == '\\' && p+1 < len(line) && line[p+1] == '\n':
				// Kept inside single quotes, as the shell keeps it.
				word.WriteByte(c)
				p++
				word.WriteByte(line[p])
			case c == '\n':
				return nil, false
			default:
				word.WriteByte(c)
			}
			continue
		}
		if strings.IndexByte(shellChars, c) >= 0 {
			return nil, false
		}
		switch c {
		case '=':
			if !seenPlain {
				return nil, false // VAR=value before the command
			}
			wordHasEquals = true
			word.WriteByte(c)
		case '\\':
			if p+1 < len(line) && line[p+1] == '\n' {
				p++
				if word.Len() == 0 {
					for p+1 < len(line) && (line[p+1] == ' ' || line[p+1] == '\t') {
						p++
					}
				}
			} else if p+1 < len(line) {
				p++
				word.WriteByte(line[p])
			}
		case '\'': // '"' is a shell character: only single quotes are make's
			inString = c
		case '\n':
			// make ends the command at a newline and runs the rest as another; kbuild-go leaves a
			// multi-line text to the shell, as a whole.
			return nil, false
		case ' ', '\t':
			argv = append(argv, word.String())
			word.Reset()
			lastWasEmptyString = false
			seenPlain = seenPlain || !wordHasEquals
			if wordHasEquals && !seenPlain {
				return nil, false
			}
			wordHasEquals = false
			if len(argv) == 1 && shellBuiltins[argv[0]] {
				return nil, false
			}
			for p+1 < len(line) && (line[p+1] == ' ' || line[p+1] == '\t') {
				p++
			}
		default:
			word.WriteByte(c)
		}
	}
	if inString != 0 {
		return nil, false // the shell reports an unterminated quote
	}
	if word.Len() > 0 || lastWasEmptyString {
		argv = append(argv, word.String())
	}
	if len(argv) == 1 && shellBuiltins[argv[0]] {
		return nil, false
	}
	return argv, true
}
