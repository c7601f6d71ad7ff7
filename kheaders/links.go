package kheaders

import (
	"errors"
	"strings"
)

// walkLinks follows a path component by component, as the kernel resolves it: cur holds the components
// resolved so far (below a root), todo those left. lookup says what a root-relative path is: a symlink
// (with its target), a directory, a file, or nothing (kindNone). A symlink's target replaces it (an
// absolute one starts again at the root); ".." above the root is clamped there as at "/", or, when
// outside is non-nil, fails with outside. The walk stops at the first component that does not exist and
// returns what it resolved and what is left (rest is empty when the whole path resolved).
func walkLinks(cur, todo []string, outside error, lookup func(rel string) (entryKind, string, error)) (resolved, rest []string, err error) {
	for hops := 0; len(todo) > 0; {
		c := todo[0]
		switch c {
		case "", ".":
			todo = todo[1:]
			continue
		case "..":
			todo = todo[1:]
			if len(cur) > 0 {
				cur = cur[:len(cur)-1]
			} else if outside != nil {
				return nil, nil, outside
			}
			continue
		}
		k, target, err := lookup(strings.Join(append(cur[:len(cur):len(cur)], c), "/"))
		if err != nil {
			return nil, nil, err
		}
		switch k {
		case kindNone:
			return cur, todo, nil
		case kindSymlink:
			if hops++; hops > maxSymlinkHops {
				return nil, nil, errors.New("too many levels of symbolic links")
			}
			if strings.HasPrefix(target, "/") {
				cur = nil
			}
			todo = append(strings.Split(target, "/"), todo[1:]...)
		default:
			cur = append(cur, c)
			todo = todo[1:]
		}
	}
	return cur, nil, nil
}
