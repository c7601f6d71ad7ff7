package kheaders

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Files validation reads, relative to a header root.
const (
	utsReleaseH = "include/generated/utsrelease.h"
	versionH    = "include/generated/uapi/linux/version.h"
)

// criticalHeaders must exist in some root of a set ("ARCH" is arch/$(SRCARCH)). The list is short on
// purpose — enough to catch the broken trees seen in practice, cheap to stat on every process start:
//   - include/linux/types.h: the kernel-internal half (a uapi-only headers_install tree lacks it);
//   - include/linux/kconfig.h: the compile's -include;
//   - include/generated/autoconf.h: the configuration kconfig.h includes (missing in an unprepared tree,
//     and in a -common directory on its own);
//   - ARCH/include/asm and ARCH/include/generated: the arch headers and the generated ones (a tree for
//     another architecture, or one without `make prepare`, fails here).
var criticalHeaders = []string{
	"include/linux/types.h",
	"include/linux/kconfig.h",
	"include/generated/autoconf.h",
	"ARCH/include/asm",
	"ARCH/include/generated",
}

// target is what a candidate must match.
type target struct {
	release     string
	versionCode uint32
	arch        string
}

// identity collects what the set's ID covers: each file validation looked at, with its stat identity.
type identity struct {
	h *bytes.Buffer
}

func (id *identity) add(path string, st fs.FileInfo) {
	var dev, ino uint64
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		dev, ino = uint64(s.Dev), s.Ino
	}
	fmt.Fprintf(id.h, "%s\x00%d %d %d %d\n", path, dev, ino, st.Size(), st.ModTime().UnixNano())
}

// validate checks the roots dirs as one header set against t and returns the Set (without Source).
// Each file is looked up across all roots, first root first, so Debian's split layout (generated files in
// the flavour directory, the rest in -common) validates as one set.
//
// Set.ID is sha256 over a version tag, the release, version code and arch, the absolute roots, and the
// stat identity (device, inode, size, mtime in ns) of every file validation read or checked. It is
// cheap (a few stats, two small reads) and changes when the set is replaced, re-extracted, or its
// configuration (autoconf.h) or version files change. It does not cover every header's content: editing a
// header in place is the compile cache's to notice (it hashes the headers a compile read, from its
// depfile).
func validate(dirs []string, t target) (*Set, error) {
	id := &identity{h: new(bytes.Buffer)}
	fmt.Fprintf(id.h, "kheaders set id v1\n%s\n%d\n%s\n", t.release, t.versionCode, t.arch)
	for _, d := range dirs {
		fmt.Fprintf(id.h, "root %s\n", d)
	}
	// find returns where rel is, and how to name it in a reason: relative to the root when the set has
	// one (the rejection already names the root), else the full path.
	find := func(rel string) (string, string) {
		for _, d := range dirs {
			p := filepath.Join(d, rel)
			if st, err := os.Stat(p); err == nil {
				id.add(p, st)
				if len(dirs) == 1 {
					return p, rel
				}
				return p, p
			}
		}
		return "", ""
	}

	p, shown := find(utsReleaseH)
	if p == "" {
		return nil, reasonf(ErrMissingHeaders, "no %s", utsReleaseH)
	}
	rel, err := defineValue(p, shown, "UTS_RELEASE")
	if err != nil {
		return nil, err
	}
	rel = strings.Trim(rel, `"`)
	if rel != t.release {
		return nil, reasonf(ErrReleaseMismatch, "%s: UTS_RELEASE is %q, want %q", shown, rel, t.release)
	}

	p, shown = find(versionH)
	if p == "" {
		return nil, reasonf(ErrMissingHeaders, "no %s", versionH)
	}
	v, err := defineValue(p, shown, "LINUX_VERSION_CODE")
	if err != nil {
		return nil, err
	}
	code, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return nil, fmt.Errorf("%s: LINUX_VERSION_CODE %q is not a number", shown, v)
	}
	if uint32(code) != t.versionCode {
		return nil, reasonf(ErrVersionMismatch, "%s: LINUX_VERSION_CODE is %#x (%s), want %#x (%s)", shown,
			code, versionString(uint32(code)), t.versionCode, versionString(t.versionCode))
	}

	var missing []string
	for _, c := range criticalHeaders {
		c = strings.Replace(c, "ARCH", "arch/"+t.arch, 1)
		if p, _ := find(c); p == "" {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, reasonf(ErrMissingHeaders, "missing %s", strings.Join(missing, ", "))
	}
	sum := sha256.Sum256(id.h.Bytes())
	return &Set{Dirs: dirs, Release: rel, VersionCode: uint32(code), Arch: t.arch, ID: hex.EncodeToString(sum[:])}, nil
}

// versionString prints a version code as a.b.c.
func versionString(c uint32) string {
	return fmt.Sprintf("%d.%d.%d", c>>16, c>>8&0xff, c&0xff)
}

// defineValue returns the value of "#define NAME VALUE" in a (small, generated) header; shown names it
// in errors.
func defineValue(path, shown, name string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 3 && fields[0] == "#define" && fields[1] == name {
			return strings.Join(fields[2:], " "), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("%s: %w", shown, err)
	}
	return "", reasonf(ErrMissingHeaders, "%s: no #define %s", shown, name)
}
