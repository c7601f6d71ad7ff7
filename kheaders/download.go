package kheaders

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// maxIndexBytes bounds a downloaded Packages index (Debian bookworm main/binary-amd64: ~45 MB unpacked).
const maxIndexBytes = 512 << 20

// download fetches headers from one Download source into dest (replacing a stale tree there), unpacks
// and validates them. validated reports that the download and unpacking worked and the tree was rejected
// (the rejection is recorded then); otherwise err says what failed.
func (s *search) download(ctx context.Context, src, dest string) (ok, validated bool, err error) {
	if err := PrivateDir(filepath.Dir(dest)); err != nil {
		return false, false, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".fetch-")
	if err != nil {
		return false, false, err
	}
	defer os.RemoveAll(tmp)

	var files []string
	if f := strings.Fields(src); len(f) > 0 && f[0] == "deb" {
		files, err = s.fetchDebian(ctx, f[1:], tmp)
	} else {
		var file string
		file, err = s.fetchTemplate(ctx, src, tmp)
		files = []string{file}
	}
	if err != nil {
		return false, false, err
	}
	// A tree left by an earlier run was rejected: move it aside (one rename, so a process using it keeps
	// a whole tree) and replace it. A tree that appeared since, another process's download, is kept and
	// used: the rename of ours then fails and extractAll takes the winner's.
	if s.stale {
		s.stale = false
		aside := dest + ".stale-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		if err := os.Rename(dest, aside); err != nil && !errors.Is(err, os.ErrNotExist) {
			return false, false, err
		}
		os.RemoveAll(aside)
	}
	if err := extractAll(ctx, dest, files); err != nil {
		return false, false, err
	}
	dirs := detectTree(dest, s.t.release)
	if dirs == nil {
		s.reject([]string{src}, SourceDownload, reasonf(ErrMissingHeaders, "no header tree for %s in the download", s.t.release))
	} else if s.try(dirs, SourceDownload) {
		return true, true, nil
	}
	os.RemoveAll(dest) // not the target's headers: of no use under its name
	return false, true, nil
}

// fetchTemplate downloads one header package named by a URL template. The sha256 is checked when the
// server has URL.sha256 (sha256sum's format); without one the package is trusted as the transport is.
func (s *search) fetchTemplate(ctx context.Context, tmpl, tmp string) (string, error) {
	url := strings.NewReplacer("{release}", s.t.release, "{arch}", s.opts.DebArch, "{srcarch}", s.t.arch).Replace(tmpl)
	var want string
	if b, err := s.fetchBytes(ctx, url+".sha256", 4096); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 && len(f[0]) == 64 {
			want = strings.ToLower(f[0])
		}
	} else if !errors.Is(err, ErrNotFound) {
		return "", err
	}
	file := filepath.Join(tmp, "package")
	if err := s.fetchFile(ctx, url, file, want, -1); err != nil {
		return "", err
	}
	return file, nil
}

// debPackage is one paragraph of a Debian Packages index, the fields a download needs.
type debPackage struct {
	Package, Version, Filename, SHA256, Depends string
	Size                                        int64
}

// fetchDebian reads a Debian repository's Packages index (args: BASE SUITE [COMPONENT...]) and downloads
// linux-headers-RELEASE with the linux-headers (Debian's -common) and linux-kbuild packages it depends on. The index itself is
// not signature-checked (no OpenPGP here): its trust is the transport's; each package is checked against
// the index's SHA256 and Size.
func (s *search) fetchDebian(ctx context.Context, args []string, tmp string) ([]string, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("repository %q: want \"deb BASE-URL SUITE [COMPONENT...]\"", strings.Join(args, " "))
	}
	base, suite, comps := strings.TrimSuffix(args[0], "/"), args[1], args[2:]
	if len(comps) == 0 {
		comps = []string{"main"}
	}
	keep := func(name string) bool {
		return strings.HasPrefix(name, "linux-headers-") || strings.HasPrefix(name, "linux-kbuild-")
	}
	byName := map[string][]debPackage{}
	for _, c := range comps {
		pkgs, err := s.fetchIndex(ctx, base+"/dists/"+suite+"/"+c+"/binary-"+s.opts.DebArch, tmp, keep)
		if err != nil {
			return nil, err
		}
		for _, p := range pkgs {
			byName[p.Package] = append(byName[p.Package], p)
		}
	}
	name := "linux-headers-" + s.t.release
	flavour, ok := pick(byName[name], "", "")
	if !ok {
		return nil, reasonf(ErrNotFound, "%s %s: no package %s", base, suite, name)
	}
	want := []debPackage{flavour}
	// Depends: "linux-headers-6.1.0-57-common (= 6.1.192-3), linux-kbuild-6.1 (>= 6.1.192-3), ...".
	for _, dep := range strings.Split(flavour.Depends, ",") {
		alt := strings.TrimSpace(strings.Split(dep, "|")[0])
		f := strings.Fields(alt)
		if len(f) == 0 {
			continue
		}
		n := f[0]
		// Debian's flavour depends on linux-headers-R-common and linux-kbuild-X.Y; Ubuntu's on
		// linux-headers-VERSION (its common tree, with no -common suffix).
		if !strings.HasPrefix(n, "linux-headers-") && !strings.HasPrefix(n, "linux-kbuild-") || n == name {
			continue
		}
		op, ver := "", ""
		if len(f) >= 3 {
			op, ver = strings.TrimPrefix(f[1], "("), strings.TrimSuffix(f[2], ")")
		}
		if op != "=" {
			ver = flavour.Version // prefer the flavour's own version, else the last one listed
		}
		p, ok := pick(byName[n], ver, op)
		if !ok {
			return nil, reasonf(ErrNotFound, "%s %s: %s depends on %s, not in the index", base, suite, name, alt)
		}
		want = append(want, p)
	}
	var files []string
	for i, p := range want {
		if p.SHA256 == "" {
			return nil, fmt.Errorf("%s: index entry %s has no SHA256", base, p.Package)
		}
		file := filepath.Join(tmp, fmt.Sprintf("%d.deb", i))
		s.logf("kheaders: downloading %s %s", p.Package, p.Version)
		if err := s.fetchFile(ctx, base+"/"+p.Filename, file, p.SHA256, p.Size); err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

// pick chooses among one package's index entries: the one of version ver when there is one (required
// when op is "="), else the last listed.
func pick(ps []debPackage, ver, op string) (debPackage, bool) {
	for _, p := range ps {
		if ver != "" && p.Version == ver {
			return p, true
		}
	}
	if len(ps) == 0 || op == "=" {
		return debPackage{}, false
	}
	return ps[len(ps)-1], true
}

// fetchIndex downloads dir/Packages.xz, or dir/Packages when there is no .xz, and parses it.
func (s *search) fetchIndex(ctx context.Context, dir, tmp string, keep func(string) bool) ([]debPackage, error) {
	file := filepath.Join(tmp, "Packages")
	url := dir + "/Packages.xz"
	err := s.fetchFile(ctx, url, file, "", -1)
	if errors.Is(err, ErrNotFound) {
		url = dir + "/Packages"
		err = s.fetchFile(ctx, url, file, "", -1)
	}
	if err != nil {
		return nil, err
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := decompress(bufio.NewReader(f))
	if err != nil {
		return nil, &FileError{Path: url, Err: err}
	}
	pkgs, err := parsePackages(io.LimitReader(r, maxIndexBytes), keep)
	if err != nil {
		return nil, &FileError{Path: url, Err: err}
	}
	return pkgs, nil
}

// parsePackages reads a Debian Packages index (RFC 822-style paragraphs separated by blank lines;
// continuation lines start with a space) and returns the paragraphs whose Package keep accepts.
func parsePackages(r io.Reader, keep func(string) bool) ([]debPackage, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	var out []debPackage
	var cur debPackage
	flush := func() {
		if cur.Package != "" && keep(cur.Package) {
			out = append(out, cur)
		}
		cur = debPackage{}
	}
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Package":
			cur.Package = v
		case "Version":
			cur.Version = v
		case "Filename":
			cur.Filename = v
		case "SHA256":
			cur.SHA256 = strings.ToLower(v)
		case "Depends":
			cur.Depends = v
		case "Size":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("package %s: bad Size %q", cur.Package, v)
			}
			cur.Size = n
		}
	}
	if err := sc.Err(); err != nil {
		var ce *corruptError
		if errors.As(err, &ce) {
			return nil, ce
		}
		return nil, err
	}
	flush()
	return out, nil
}

func (s *search) client() *http.Client {
	if s.opts.Client != nil {
		return s.opts.Client
	}
	return &http.Client{Timeout: 2 * time.Minute}
}

// retryable marks a failure worth another attempt: a network error, a 5xx or 429.
type retryable struct{ err error }

func (e *retryable) Error() string { return e.err.Error() }
func (e *retryable) Unwrap() error { return e.err }

// get runs one GET with bounded retries and exponential backoff, handing each 200 response's body to
// consume (which starts over on every attempt). 404 and 410 give ErrNotFound at once; a consume error
// that is not *retryable ends the tries.
func (s *search) get(ctx context.Context, url string, consume func(io.Reader) error) error {
	attempts, delay := s.opts.Attempts, s.opts.RetryDelay
	if attempts <= 0 {
		attempts = 3
	}
	if delay <= 0 {
		delay = 500 * time.Millisecond
	}
	var last error
	for i := 0; i < attempts; i++ {
		if i > 0 {
			s.logf("kheaders: %s: %v; retrying in %v", url, last, delay)
			select {
			case <-time.After(delay):
			case <-ctx.Done():
				return ctx.Err()
			}
			delay *= 2
		}
		last = s.getOnce(ctx, url, consume)
		var r *retryable
		if last == nil || !errors.As(last, &r) {
			return last
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return &FileError{Path: url, Err: fmt.Errorf("%d attempts, last: %w", attempts, last)}
}

func (s *search) getOnce(ctx context.Context, url string, consume func(io.Reader) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return &FileError{Path: url, Err: err}
	}
	resp, err := s.client().Do(req)
	if err != nil {
		return &retryable{err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return &FileError{Path: url, Err: fmt.Errorf("HTTP %s: %w", resp.Status, ErrNotFound)}
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		return &retryable{fmt.Errorf("HTTP %s", resp.Status)}
	default:
		return &FileError{Path: url, Err: fmt.Errorf("HTTP %s", resp.Status)}
	}
	return consume(&netReader{resp.Body})
}

// netReader marks read errors of a response body retryable (a connection cut mid-transfer).
type netReader struct{ r io.Reader }

func (n *netReader) Read(p []byte) (int, error) {
	k, err := n.r.Read(p)
	if err != nil && err != io.EOF {
		err = &retryable{err}
	}
	return k, err
}

// fetchBytes downloads a small file whole.
func (s *search) fetchBytes(ctx context.Context, url string, limit int64) ([]byte, error) {
	var b []byte
	err := s.get(ctx, url, func(r io.Reader) error {
		var err error
		b, err = io.ReadAll(io.LimitReader(r, limit))
		return err
	})
	return b, err
}

// fetchFile downloads url into file, checking its sha256 and size when given (size < 0: unknown). A
// mismatch is refused at once, without retries: the index and the file disagree.
func (s *search) fetchFile(ctx context.Context, url, file, wantSHA string, wantSize int64) error {
	return s.get(ctx, url, func(r io.Reader) error {
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(f, h), r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if wantSize >= 0 && n != wantSize {
			return &FileError{Path: url, Err: fmt.Errorf("size %d, index says %d: %w", n, wantSize, ErrChecksum)}
		}
		if got := hex.EncodeToString(h.Sum(nil)); wantSHA != "" && got != wantSHA {
			return &FileError{Path: url, Err: fmt.Errorf("sha256 %s, want %s: %w", got, wantSHA, ErrChecksum)}
		}
		return nil
	})
}
