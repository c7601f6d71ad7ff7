// Package kheaders finds, validates, extracts and downloads the kernel headers an eBPF program is compiled
// against: configured directories, the default places for a release (/lib/modules/R/build and source,
// /usr/src/linux-headers-R, /usr/src/kernels/R, Debian's split -common + flavour layout), a kheaders archive
// (/sys/kernel/kheaders.tar.xz), headers downloaded before, and a download (a header package from a URL
// template or a Debian-style repository). Every candidate is validated against the target kernel's release
// and version code before it is used.
//
// The cache directory (Options.CacheDir, private: see PrivateDir) holds trees that are trusted once there,
// each renamed into place complete, so a directory that exists is whole:
//
//	kheaders/RELEASE-SHA16/    a kheaders archive, extracted (SHA16: the first 16 hex digits of its sha256)
//	kheaders/sums/KEY          the sha256 of an archive, keyed by a hash of its path and stat identity
//	download/DEBARCH/RELEASE/  a download, unpacked as the packages lay it out (usr/src/linux-headers-R,
//	                           usr/src/linux-headers-R-common, usr/lib/linux-kbuild-X.Y, lib/modules/R)
//	.NAME.tmp-*                an extraction in progress (removed when older than an hour)
//
// A kbuild-go upgrade that changes this layout uses new names; old entries are only disk space.
package kheaders

import (
	"os"
	"path/filepath"
	"strings"
)

// Source says where a header set came from (telemetry's header source).
type Source int

const (
	SourceNone       Source = iota
	SourceCustom            // a directory the caller configured
	SourceDefault           // a default place for the release (/lib/modules/R/build, /usr/src/...)
	SourceKheaders          // a kheaders archive, extracted into the cache
	SourceDownloaded        // a download of an earlier run, found in the cache
	SourceDownload          // downloaded by this call
)

var sourceNames = [...]string{"none", "custom", "default", "kheaders", "downloaded", "download"}

// String gives the telemetry name of the header source ("custom", "default", "kheaders", ...).
func (s Source) String() string {
	if int(s) < len(sourceNames) {
		return sourceNames[s]
	}
	return "unknown"
}

// Set is one validated set of kernel headers: the directories of one kernel's header tree (one directory,
// or for Debian's split layout the flavour directory and the -common directory it points at).
type Set struct {
	// Dirs are the roots, most specific first (a flavour directory before its -common directory).
	Dirs []string
	// Release is the tree's UTS_RELEASE (include/generated/utsrelease.h).
	Release string
	// VersionCode is the tree's LINUX_VERSION_CODE (include/generated/uapi/linux/version.h).
	VersionCode uint32
	// Arch is the kernel's source architecture (SRCARCH: x86, arm64, ...).
	Arch string
	// Source says where the set came from.
	Source Source
	// ID identifies the header set for compile caches: it changes when the set is replaced (another
	// release, another package, a re-extracted archive). It is cheap to compute and does not cover every
	// header's content: a compile cache checks the headers a compile actually read (its depfile) itself.
	ID string
}

// includeOrder is the kernel's own include order (Makefile's LINUXINCLUDE, USERINCLUDE), relative to a
// header root; "ARCH" stands for arch/$(SRCARCH).
var includeOrder = []string{
	"ARCH/include",
	"ARCH/include/generated",
	"include",
	"ARCH/include/uapi",
	"ARCH/include/generated/uapi",
	"include/uapi",
	"include/generated/uapi",
}

// IncludeDirs returns the include directories in the kernel's order. Each relative directory is looked up
// in every root, as the kernel's O= build does with its two trees: a generated directory in the object
// tree first (Dirs order: the flavour directory), any other in the source tree first (reverse order: the
// -common directory). Debian's split layout gives common arch/A/include, flavour arch/A/include (only
// generated/ inside), flavour arch/A/include/generated, common include, flavour include, and so on — the
// kernel's LINUXINCLUDE with srctree = -common and objtree = flavour. A single root is just the list.
func (s *Set) IncludeDirs() []string {
	var out []string
	for _, rel := range includeOrder {
		if len(rel) > 4 && rel[:4] == "ARCH" {
			rel = filepath.Join("arch", s.Arch, rel[5:])
		}
		generated := strings.Contains(rel, "generated")
		for i := range s.Dirs {
			d := s.Dirs[i]
			if !generated {
				d = s.Dirs[len(s.Dirs)-1-i]
			}
			p := filepath.Join(d, rel)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				out = append(out, p)
			}
		}
	}
	return out
}

// Find returns the path of rel (a path relative to a header root, such as include/linux/kconfig.h) in the
// first root that has it, or "".
func (s *Set) Find(rel string) string {
	for _, d := range s.Dirs {
		p := filepath.Join(d, rel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}
