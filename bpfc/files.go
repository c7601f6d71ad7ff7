package bpfc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/kbuild-go/kbuild-go/kheaders"
)

// MaxInputSize bounds the input file: an eBPF program's C source is small, and the bound keeps a
// mistaken path (a log, a device) from being read into memory.
const MaxInputSize = 16 << 20

// input is a verified program source: the bytes read once, hashed and later copied into the work
// directory, so the bytes compiled are the bytes hashed even if the file changes meanwhile.
type input struct {
	name string // base name, used inside the work directory
	dir  string // the directory the file was in (for its quoted includes), absolute
	data []byte
	hash string // sha256, hex
}

// readInput verifies path: a regular file (a symlink, device or FIFO is refused; O_NOFOLLOW keeps a
// symlink swapped in after the Lstat out), at most MaxInputSize bytes, and when want is given its sha256
// equal to want.
func readInput(path, want string) (*input, error) {
	fail := func(err error) (*input, error) { return nil, &Error{Code: CodeInputVerification, Err: err} }
	abs, err := filepath.Abs(path)
	if err != nil {
		return fail(err)
	}
	st, err := os.Lstat(abs)
	if err != nil {
		return fail(err)
	}
	if !st.Mode().IsRegular() {
		return fail(fmt.Errorf("%s: not a regular file (%s)", path, fileKind(st.Mode())))
	}
	f, err := os.OpenFile(abs, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if !fst.Mode().IsRegular() || !os.SameFile(st, fst) {
		return fail(fmt.Errorf("%s: changed while it was opened", path))
	}
	if fst.Size() > MaxInputSize {
		return fail(fmt.Errorf("%s: %d bytes, more than the %d allowed", path, fst.Size(), MaxInputSize))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxInputSize+1))
	if err != nil {
		return fail(err)
	}
	if len(data) > MaxInputSize {
		return fail(fmt.Errorf("%s: more than the %d bytes allowed", path, MaxInputSize))
	}
	sum := sha256.Sum256(data)
	in := &input{name: filepath.Base(abs), dir: filepath.Dir(abs), data: data, hash: hex.EncodeToString(sum[:])}
	if want != "" {
		w, err := hex.DecodeString(want)
		if err != nil || len(w) != sha256.Size {
			return nil, &Error{Code: CodeBadRequest, Err: fmt.Errorf("expected sha256 %q: not 64 hex digits", want)}
		}
		if !bytes.Equal(w, sum[:]) {
			return fail(fmt.Errorf("%s: sha256 %s, expected %s", path, in.hash, want))
		}
	}
	return in, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeSymlink != 0:
		return "a symlink"
	case m.IsDir():
		return "a directory"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// privateDir makes dir a directory only the caller can use (kheaders.PrivateDir: created 0700, refused
// when reached through a symlink, owned by someone else or writable by others), as CodeOutputDir.
func privateDir(dir string) error {
	if err := kheaders.PrivateDir(dir); err != nil {
		return &Error{Code: CodeOutputDir, Err: err}
	}
	return nil
}

// writeAtomic writes data to path through a temp file in the same directory and a rename, so a reader
// sees the old file or the whole new one, never a part; the temp file is removed on any failure.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// lockFile takes an exclusive flock on path (created if needed) and returns its release. Two processes
// compiling the same key take turns: the second finds the first's object and compiles nothing.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// tryLockFile is lockFile without waiting: unlock is nil when another holder has the lock.
func tryLockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, nil
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
