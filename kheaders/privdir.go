package kheaders

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// PrivateDir makes sure path is a directory only the caller can write, creating it (and missing parents)
// with mode 0700. It is the check for the header cache and for the compiler's output directory, whose
// contents are trusted later (bpftrace's shared /tmp kheaders directory became a CVE).
//
// Every component of the absolute path is checked from "/" down, with lstat, so nothing is followed:
//   - no component may be a symbolic link (a home reached through a symlink must be given resolved);
//   - an existing ancestor must be owned by root or the caller and not writable by group or others,
//     unless it has the sticky bit (/tmp), where others cannot rename or remove what we own;
//   - the directory itself must be owned by the caller and not writable by group or others.
//
// Components are created one at a time with mkdir (which never follows a planted symlink: it fails with
// EEXIST) and checked again after creation. Errors are *DirError wrapping ErrUnsafeDir or the os error.
func PrivateDir(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return &DirError{Path: path, Err: err}
	}
	euid := uint32(os.Geteuid())
	cur := "/"
	if st, err := os.Lstat(cur); err != nil {
		return &DirError{Path: abs, Component: cur, Err: err}
	} else if err := checkAncestor(st, euid); err != nil {
		return &DirError{Path: abs, Component: cur, Err: err}
	}
	parts := strings.Split(strings.TrimPrefix(abs, "/"), "/")
	for i, p := range parts {
		if p == "" {
			continue
		}
		cur = filepath.Join(cur, p)
		last := i == len(parts)-1
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			if err := os.Mkdir(cur, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
				return &DirError{Path: path, Err: err}
			}
			st, err = os.Lstat(cur)
		}
		if err != nil {
			return &DirError{Path: path, Err: err}
		}
		if last {
			err = checkLeaf(st, euid)
		} else {
			err = checkAncestor(st, euid)
		}
		if err != nil {
			return &DirError{Path: abs, Component: cur, Err: err}
		}
	}
	return nil
}

func checkAncestor(st fs.FileInfo, euid uint32) error {
	if st.Mode()&fs.ModeSymlink != 0 {
		return reasonf(ErrUnsafeDir, "is a symbolic link")
	}
	if !st.IsDir() {
		return reasonf(ErrUnsafeDir, "is not a directory")
	}
	uid, ok := ownerOf(st)
	if ok && uid != 0 && uid != euid {
		return reasonf(ErrUnsafeDir, "is owned by uid %d", uid)
	}
	if st.Mode().Perm()&0o022 != 0 && st.Mode()&fs.ModeSticky == 0 {
		return reasonf(ErrUnsafeDir, "is writable by others (mode %v)", st.Mode().Perm())
	}
	return nil
}

func checkLeaf(st fs.FileInfo, euid uint32) error {
	if st.Mode()&fs.ModeSymlink != 0 {
		return reasonf(ErrUnsafeDir, "is a symbolic link")
	}
	if !st.IsDir() {
		return reasonf(ErrUnsafeDir, "is not a directory")
	}
	if uid, ok := ownerOf(st); ok && uid != euid {
		return reasonf(ErrUnsafeDir, "is owned by uid %d, not %d", uid, euid)
	}
	if st.Mode().Perm()&0o022 != 0 {
		return reasonf(ErrUnsafeDir, "is writable by others (mode %v)", st.Mode().Perm())
	}
	return nil
}

func ownerOf(st fs.FileInfo) (uint32, bool) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Uid, true
	}
	return 0, false
}
