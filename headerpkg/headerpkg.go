// Package headerpkg writes a kernel header package: a staged directory tree (what the kernel's own
// packaging writes under /usr/src/linux-headers-RELEASE) as one reproducible .tar.xz holding one directory,
// with a manifest of every file's sha256.
//
// Reproducible means the bytes depend only on the tree's contents: entries are sorted by path, owned by
// 0:0 ("root"), with modes normalised (0755 for directories and executables, 0644 for other files, 0777 for
// symbolic links) and one fixed modification time; hard links are written as regular files; no extended
// headers, no device files. The xz stream is single-threaded with fixed settings.
//
// The manifest, Manifest's Name inside the package directory, has sha256sum's format ("HASH  PATH", paths
// relative to the package directory, sorted), so `sha256sum -c SHA256SUMS` run inside an extracted package
// checks it. It lists regular files only: symbolic links (Debian's and the kernel's own, some dangling by
// design such as scripts/dtc/include-prefixes/*) are in the archive but have no content to hash.
package headerpkg

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ulikunitz/xz"
)

// ManifestName is the manifest's file name inside the package directory.
const ManifestName = "SHA256SUMS"

// Entry is one file of a package as the manifest lists it.
type Entry struct {
	Path   string // relative to the package directory, slash-separated
	SHA256 string // hex; empty for symbolic links
	Link   string // the target of a symbolic link
	Size   int64
}

// Options say how to write a package.
type Options struct {
	// Prefix is the package's directory name inside the archive (linux-headers-RELEASE).
	Prefix string
	// ModTime is every entry's modification time (KBUILD_BUILD_TIMESTAMP or SOURCE_DATE_EPOCH).
	ModTime time.Time
}

// Write writes the tree under dir to w as an xz-compressed tar archive and returns the manifest's entries.
func Write(w io.Writer, dir string, opts Options) ([]Entry, error) {
	if opts.Prefix == "" || strings.ContainsAny(opts.Prefix, "/\x00") || opts.Prefix == "." || opts.Prefix == ".." {
		return nil, fmt.Errorf("headerpkg: bad package directory name %q", opts.Prefix)
	}
	paths, err := walk(dir)
	if err != nil {
		return nil, err
	}
	xw, err := xz.WriterConfig{CheckSum: xz.CRC64}.NewWriter(w)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(xw, 1<<20)
	tw := tar.NewWriter(bw)
	mtime := opts.ModTime.UTC().Truncate(time.Second)
	hdr := func(name string, typ byte, mode int64) *tar.Header {
		return &tar.Header{Name: name, Typeflag: typ, Mode: mode, ModTime: mtime, Uname: "root", Gname: "root",
			Format: tar.FormatGNU}
	}
	if err := tw.WriteHeader(hdr(opts.Prefix+"/", tar.TypeDir, 0o755)); err != nil {
		return nil, err
	}
	var entries []Entry
	for _, rel := range paths {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		st, err := os.Lstat(full)
		if err != nil {
			return nil, err
		}
		name := opts.Prefix + "/" + rel
		switch {
		case st.IsDir():
			err = tw.WriteHeader(hdr(name+"/", tar.TypeDir, 0o755))
		case st.Mode()&fs.ModeSymlink != 0:
			target, lerr := os.Readlink(full)
			if lerr != nil {
				return nil, lerr
			}
			h := hdr(name, tar.TypeSymlink, 0o777)
			h.Linkname = target
			err = tw.WriteHeader(h)
			entries = append(entries, Entry{Path: rel, Link: target})
		case st.Mode().IsRegular():
			var e Entry
			e, err = writeFile(tw, hdr(name, tar.TypeReg, mode(st)), full, rel, st.Size())
			entries = append(entries, e)
		default:
			return nil, fmt.Errorf("headerpkg: %s: not a regular file, directory or symbolic link", full)
		}
		if err != nil {
			return nil, err
		}
	}
	manifest := FormatManifest(entries)
	h := hdr(opts.Prefix+"/"+ManifestName, tar.TypeReg, 0o644)
	h.Size = int64(len(manifest))
	if err := tw.WriteHeader(h); err != nil {
		return nil, err
	}
	if _, err := tw.Write(manifest); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return entries, xw.Close()
}

// WriteFile writes the package to path atomically: a temporary file in path's directory renamed into
// place once complete, so a failure or a kill never leaves a partial package under path.
func WriteFile(path, dir string, opts Options) ([]Entry, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	bw := bufio.NewWriterSize(tmp, 1<<20)
	entries, err := Write(bw, dir, opts)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return entries, os.Rename(tmp.Name(), path)
}

// FormatManifest returns the manifest text for entries: regular files in sha256sum's format.
func FormatManifest(entries []Entry) []byte {
	var b bytes.Buffer
	for _, e := range entries {
		if e.Link == "" {
			fmt.Fprintf(&b, "%s  %s\n", e.SHA256, e.Path)
		}
	}
	return b.Bytes()
}

func writeFile(tw *tar.Writer, h *tar.Header, full, rel string, size int64) (Entry, error) {
	f, err := os.Open(full)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	h.Size = size
	if err := tw.WriteHeader(h); err != nil {
		return Entry{}, err
	}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, sum), f)
	if err != nil {
		return Entry{}, err
	}
	if n != size {
		return Entry{}, fmt.Errorf("headerpkg: %s changed size while being packed", full)
	}
	return Entry{Path: rel, SHA256: hex.EncodeToString(sum.Sum(nil)), Size: size}, nil
}

// mode normalises a regular file's permissions: what matters for a header package is whether it runs.
func mode(st fs.FileInfo) int64 {
	if st.Mode().Perm()&0o111 != 0 {
		return 0o755
	}
	return 0o644
}

// walk lists every path under dir, relative and slash-separated, sorted bytewise (a parent before its
// children, as tar extraction wants). The manifest's own name at the top is reserved.
func walk(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return fmt.Errorf("headerpkg: %s: the tree already has a file named like the manifest", p)
		}
		paths = append(paths, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Whole paths sorted bytewise: a directory is a prefix of its children's paths, so it sorts first.
	sort.Strings(paths)
	return paths, nil
}
