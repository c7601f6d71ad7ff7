package kheaders

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ulikunitz/xz"
)

// Extraction limits: a header package unpacks to well under 1 GiB (Debian's -common: ~70 MB, ~17k
// entries); the bounds stop a decompression bomb before it fills the disk.
const (
	maxExtractBytes   = 4 << 30
	maxExtractEntries = 1 << 21
	maxSymlinkHops    = 40 // the kernel's own limit on nested symlinks
)

// ownPrefixes are the absolute paths a header package's symlinks may point into: its own directories
// (Debian: /lib/modules/R/build -> /usr/src/linux-headers-R, /usr/src/linux-kbuild-X.Y, ...). Such a link
// is rewritten to the relative path of the same place inside the extraction root; any other absolute link
// is refused. The check is on the cleaned target, so /usr/src/linux-headers-R/../../../etc is /etc.
var ownPrefixes = []string{
	"/usr/src/linux-headers-",
	"/usr/src/linux-kbuild-",
	"/usr/src/kernels/",
	"/usr/lib/linux-kbuild-",
	"/lib/modules/",
	"/usr/lib/modules/",
}

// Extract unpacks one archive — a tar, optionally xz-, gzip- or bzip2-compressed (recognised by its
// magic, not its name), or a Debian .deb (an ar archive whose data.tar.* member is unpacked) — into dest.
// dest's parent is made private first (PrivateDir). A Debian flavour Makefile in the tree is pointed at
// its -common directory where it is unpacked (see rewriteMakefiles).
//
// The archive is unpacked into a private temporary directory next to dest and renamed into place when
// complete: when two processes race, one rename wins and the other discards its copy and returns nil,
// using the winner's. On any error nothing is left behind. See extractor for what is refused.
func Extract(ctx context.Context, archive, dest string) error {
	return extractAll(ctx, dest, []string{archive})
}

// extractAll unpacks archives, in order, into one tree renamed to dest.
func extractAll(ctx context.Context, dest string, archives []string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if err := PrivateDir(filepath.Dir(dest)); err != nil {
		return err
	}
	removeStale(dest)
	x, err := newExtractor(dest)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			x.abort()
		}
	}()
	for _, a := range archives {
		if err := x.addFile(ctx, a); err != nil {
			return err
		}
	}
	if err := x.checkSymlinks(); err != nil {
		return err
	}
	if err := x.rewriteMakefiles(); err != nil {
		return err
	}
	ok = true
	return x.commit()
}

// staleAge is how old a temporary extraction directory must be to be taken for the leftover of a killed
// process (an extraction takes seconds; a slow one is never near an hour).
const staleAge = time.Hour

// removeStale removes temporary directories of dest left by killed processes.
func removeStale(dest string) {
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*"))
	for _, o := range old {
		if st, err := os.Lstat(o); err == nil && st.IsDir() && time.Since(st.ModTime()) > staleAge {
			os.RemoveAll(o)
		}
	}
}

type entryKind uint8

const (
	kindNone entryKind = iota
	kindDir
	kindFile
	kindSymlink
)

// extractor writes archive entries under a fresh private directory through an os.Root, so no write can
// leave it. On top of that it keeps its own record of every entry it created (kinds, links): the
// directory is private and only this extractor writes there, so the record is the truth, and it lets
// every check run without a system call:
//   - entry names are relative, with no ".." component (refused, not cleaned up);
//   - a parent that is a symlink is refused (nothing is written through a symlink: a symlink that stays
//     inside would still redirect later entries), and files are opened O_CREAT|O_EXCL|O_NOFOLLOW;
//   - an entry that already exists is refused (a duplicate could replace a checked entry);
//   - symlinks: relative ones are kept, absolute ones into ownPrefixes are made relative, others refused;
//     when the tree is complete, every symlink is resolved through the record, following chains, and one
//     that leaves the root is refused (lexical checks alone miss a/b -> ../.. behind another link);
//   - hard links must name a regular file extracted before;
//   - devices, fifos and other types are refused.
type extractor struct {
	dest    string // the final path
	tmp     string // the private temporary directory renamed to dest
	root    *os.Root
	kinds   map[string]entryKind
	links   map[string]string // symlink -> its (relative) target
	from    map[string]string // symlink -> the archive it came from (for error positions)
	bytes   int64
	entries int
	archive string // the archive being read, for error positions
}

func newExtractor(dest string) (*extractor, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &extractor{dest: dest, tmp: tmp, root: root,
		kinds: map[string]entryKind{".": kindDir}, links: map[string]string{}, from: map[string]string{}}, nil
}

func (x *extractor) abort() {
	x.root.Close()
	os.RemoveAll(x.tmp)
}

// commit renames the finished tree into place. A rename onto an existing directory fails (EEXIST or
// ENOTEMPTY): another process won the race, and its complete tree is used.
func (x *extractor) commit() error {
	x.root.Close()
	err := os.Rename(x.tmp, x.dest)
	if err == nil {
		return nil
	}
	os.RemoveAll(x.tmp)
	if errors.Is(err, syscall.EEXIST) || errors.Is(err, syscall.ENOTEMPTY) {
		st, lerr := os.Lstat(x.dest)
		if lerr == nil && st.IsDir() {
			return nil
		}
	}
	return err
}

func (x *extractor) fail(entry string, err error) error {
	return &FileError{Path: x.archive, Entry: entry, Err: err}
}

// addFile unpacks one archive file: a .deb (by its ar magic) or a tar, compressed or not.
func (x *extractor) addFile(ctx context.Context, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	x.archive = name
	br := bufio.NewReaderSize(f, 1<<16)
	magic, _ := br.Peek(8)
	if string(magic) == "!<arch>\n" {
		member, r, err := arMember(br, "data.tar")
		if err != nil {
			return x.fail("", err)
		}
		x.archive = name + "(" + member + ")"
		return x.addTar(ctx, r)
	}
	return x.addTar(ctx, br)
}

// corruptError marks an error of a decompressor, so a truncated or damaged stream gives one
// "corrupt xz data" error rather than whichever tar error it caused.
type corruptError struct {
	format string
	err    error
}

func (e *corruptError) Error() string { return "corrupt " + e.format + " data: " + e.err.Error() }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

type decompressReader struct {
	format string
	r      io.Reader
}

func (d *decompressReader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if err != nil && err != io.EOF {
		err = &corruptError{d.format, err}
	}
	return n, err
}

// decompress recognises the stream by its magic. zstd (Debian's newer .debs may use it) has no Go
// decoder in the module graph: it is refused by name.
func decompress(r io.Reader) (io.Reader, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	magic, _ := br.Peek(6)
	switch {
	case bytes.HasPrefix(magic, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		xr, err := xz.NewReader(br)
		if err != nil {
			return nil, &corruptError{"xz", err}
		}
		return &decompressReader{"xz", xr}, nil
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		gr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &corruptError{"gzip", err}
		}
		return &decompressReader{"gzip", gr}, nil
	case bytes.HasPrefix(magic, []byte("BZh")):
		return &decompressReader{"bzip2", bzip2.NewReader(br)}, nil
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return nil, errors.New("zstd-compressed archive: not supported (repack it with xz)")
	}
	return br, nil
}

func (x *extractor) addTar(ctx context.Context, r io.Reader) error {
	dr, err := decompress(r)
	if err != nil {
		return x.fail("", err)
	}
	tr := tar.NewReader(dr)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var ce *corruptError
			if errors.As(err, &ce) {
				return x.fail("", ce)
			}
			return x.fail("", fmt.Errorf("reading tar: %v: %w", err, ErrCorrupt))
		}
		if err := x.add(h, tr); err != nil {
			var ce *corruptError
			if errors.As(err, &ce) {
				return x.fail("", ce)
			}
			if _, ok := err.(*FileError); ok {
				return err
			}
			return x.fail(h.Name, err)
		}
	}
	// Read the compressed stream to its end: xz checks its block and stream checksums there, so a
	// damaged tail after the tar's end-of-archive marker is still reported.
	if _, err := io.Copy(io.Discard, dr); err != nil {
		return x.fail("", err)
	}
	return nil
}

// cleanName turns an entry name into a root-relative path, or refuses it. "" means the root itself.
func cleanName(name string) (string, error) {
	if strings.HasPrefix(name, "/") {
		return "", reasonf(ErrUnsafeArchive, "absolute path")
	}
	for _, c := range strings.Split(name, "/") {
		if c == ".." {
			return "", reasonf(ErrUnsafeArchive, "path escapes the root by ..")
		}
	}
	p := path.Clean(name)
	if p == "." {
		return "", nil
	}
	return p, nil
}

func (x *extractor) add(h *tar.Header, r io.Reader) error {
	if h.Typeflag == tar.TypeXGlobalHeader {
		return nil
	}
	x.entries++
	if x.entries > maxExtractEntries {
		return fmt.Errorf("more than %d entries", maxExtractEntries)
	}
	name, err := cleanName(h.Name)
	if err != nil {
		return err
	}
	if name == "" {
		if h.Typeflag == tar.TypeDir {
			return nil // "./"
		}
		return reasonf(ErrUnsafeArchive, "non-directory entry for the root")
	}
	if err := x.parents(name); err != nil {
		return err
	}
	if k := x.kinds[name]; k != kindNone {
		if k == kindDir && h.Typeflag == tar.TypeDir {
			return nil // a directory listed after an entry under it created it
		}
		return reasonf(ErrUnsafeArchive, "duplicate entry")
	}
	switch h.Typeflag {
	case tar.TypeDir:
		if err := x.root.Mkdir(name, fs.FileMode(h.Mode)&0o755|0o700); err != nil {
			return err
		}
		x.kinds[name] = kindDir
	case tar.TypeReg, '\x00':
		if x.bytes+h.Size > maxExtractBytes {
			return fmt.Errorf("archive unpacks to more than %d bytes", int64(maxExtractBytes))
		}
		x.bytes += h.Size
		f, err := x.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW,
			fs.FileMode(h.Mode)&0o755|0o600)
		if err != nil {
			return err
		}
		x.kinds[name] = kindFile
		_, err = io.CopyN(f, r, h.Size)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		// The archive's mtimes, so two extractions of one archive carry the same times (the set's ID
		// still differs: it covers inodes).
		if err := x.root.Chtimes(name, h.ModTime, h.ModTime); err != nil {
			return err
		}
	case tar.TypeSymlink:
		target := h.Linkname
		if path.IsAbs(target) {
			clean := path.Clean(target)
			if !hasOwnPrefix(clean) {
				return reasonf(ErrUnsafeArchive, "symlink to %s, outside the package's own paths", target)
			}
			rel, err := filepath.Rel(path.Dir("/"+name), clean)
			if err != nil {
				return err
			}
			target = rel
		}
		if j := path.Join(path.Dir(name), target); j == ".." || strings.HasPrefix(j, "../") {
			return reasonf(ErrUnsafeArchive, "symlink to %s points outside the root", h.Linkname)
		}
		if err := x.root.Symlink(target, name); err != nil {
			return err
		}
		x.kinds[name] = kindSymlink
		x.links[name] = target
		x.from[name] = x.archive
	case tar.TypeLink:
		old, err := cleanName(h.Linkname)
		if err != nil || old == "" {
			return reasonf(ErrUnsafeArchive, "hard link to %s outside the root", h.Linkname)
		}
		if x.kinds[old] != kindFile {
			return reasonf(ErrUnsafeArchive, "hard link to %s, not a regular file extracted before", h.Linkname)
		}
		if err := x.root.Link(old, name); err != nil {
			return err
		}
		x.kinds[name] = kindFile
	default:
		return reasonf(ErrUnsafeArchive, "unsupported entry type %q", h.Typeflag)
	}
	return nil
}

func hasOwnPrefix(p string) bool {
	for _, pre := range ownPrefixes {
		if strings.HasPrefix(p, pre) && len(p) > len(pre) {
			return true
		}
	}
	return false
}

// parents makes sure every parent of name is a real directory of this tree, creating missing ones (tar
// archives may omit directory entries). A parent that is a symlink or a file is refused.
func (x *extractor) parents(name string) error {
	dir := path.Dir(name)
	if x.kinds[dir] == kindDir {
		return nil
	}
	var missing []string
	for d := dir; d != "." && x.kinds[d] != kindDir; d = path.Dir(d) {
		switch x.kinds[d] {
		case kindSymlink:
			return reasonf(ErrUnsafeArchive, "would be written through the symlink %s", d)
		case kindFile:
			return reasonf(ErrUnsafeArchive, "parent %s is not a directory", d)
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := x.root.Mkdir(missing[i], 0o755); err != nil {
			return err
		}
		x.kinds[missing[i]] = kindDir
	}
	return nil
}

// checkSymlinks resolves every symlink of the finished tree through the extractor's record, following
// chains as the kernel would. A link that leaves the root is refused; one that dangles inside is kept
// (a flavour's scripts link when linux-kbuild was not unpacked).
func (x *extractor) checkSymlinks() error {
	names := make([]string, 0, len(x.links))
	for n := range x.links {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := x.resolve(n); err != nil {
			return &FileError{Path: x.from[n], Entry: n, Err: err}
		}
	}
	return nil
}

func (x *extractor) resolve(link string) error {
	var cur []string
	if d := path.Dir(link); d != "." {
		cur = strings.Split(d, "/")
	}
	outside := reasonf(ErrUnsafeArchive, "symlink to %s resolves outside the root", x.links[link])
	_, _, err := walkLinks(cur, strings.Split(x.links[link], "/"), outside, func(p string) (entryKind, string, error) {
		return x.kinds[p], x.links[p], nil
	})
	return err
}

// rewriteMakefiles points Debian's flavour Makefile ("include /usr/src/linux-headers-R-common/Makefile")
// at the -common tree where it is unpacked: the final path of this extraction, known before the rename,
// so `make -C DIR M=...` works there (driverkit does the same). Only small Makefiles under
// usr/src/linux-headers-*/ whose include names a directory of this tree are touched.
func (x *extractor) rewriteMakefiles() error {
	for name, k := range x.kinds {
		if k != kindFile || path.Base(name) != "Makefile" || !strings.HasPrefix(name, "usr/src/linux-headers-") ||
			strings.Count(name, "/") != 3 {
			continue
		}
		st, err := x.root.Lstat(name)
		if err != nil || st.Size() > 4096 {
			continue
		}
		data, err := x.root.ReadFile(name)
		if err != nil {
			return err
		}
		lines := strings.Split(string(data), "\n")
		changed := false
		for i, l := range lines {
			f := strings.Fields(l)
			if len(f) != 2 || f[0] != "include" || !strings.HasPrefix(f[1], "/usr/src/") {
				continue
			}
			if x.kinds[strings.TrimPrefix(path.Clean(f[1]), "/")] == kindNone {
				continue
			}
			lines[i] = "include " + filepath.Join(x.dest, f[1])
			changed = true
		}
		if !changed {
			continue
		}
		f, err := x.root.OpenFile(name, os.O_WRONLY|os.O_TRUNC|syscall.O_NOFOLLOW, 0)
		if err != nil {
			return err
		}
		_, err = f.WriteString(strings.Join(lines, "\n"))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// arMember finds the first member whose name starts with prefix (data.tar: the files of a Debian
// package, whatever its compression). A .deb is an ar archive: the magic
// "!<arch>\n", then members, each a 60-byte header (name 16, mtime 12, uid 6, gid 6, mode 8, size 10,
// "`\n") followed by its data padded to an even length. GNU ar may end names with "/".
func arMember(r io.Reader, prefix string) (string, io.Reader, error) {
	var magic [8]byte
	if _, err := io.ReadFull(r, magic[:]); err != nil || string(magic[:]) != "!<arch>\n" {
		return "", nil, fmt.Errorf("not an ar archive: %w", ErrCorrupt)
	}
	for {
		var h [60]byte
		if _, err := io.ReadFull(r, h[:]); err != nil {
			if err == io.EOF {
				return "", nil, fmt.Errorf("no %s member: %w", prefix, ErrCorrupt)
			}
			return "", nil, fmt.Errorf("reading ar header: %v: %w", err, ErrCorrupt)
		}
		if string(h[58:60]) != "`\n" {
			return "", nil, fmt.Errorf("bad ar member header: %w", ErrCorrupt)
		}
		name := strings.TrimSuffix(strings.TrimSpace(string(h[0:16])), "/")
		size, err := strconv.ParseInt(strings.TrimSpace(string(h[48:58])), 10, 64)
		if err != nil || size < 0 {
			return "", nil, fmt.Errorf("bad ar member size %q: %w", h[48:58], ErrCorrupt)
		}
		if strings.HasPrefix(name, prefix) {
			return name, bufio.NewReaderSize(io.LimitReader(r, size), 1<<16), nil
		}
		if _, err := io.CopyN(io.Discard, r, size+size&1); err != nil {
			return "", nil, fmt.Errorf("reading ar member %s: %v: %w", name, err, ErrCorrupt)
		}
	}
}
