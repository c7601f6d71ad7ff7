// Package atomicfile writes a file all at once: into a temporary file in the same directory, renamed over
// the name when complete, so a failure, a kill or Ctrl-C leaves the previous file or none, never half of
// one. The new file's mode is 0666 less the umask, as a plain create would give it.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Write writes path with what write produces.
func Write(path string, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Chmod(0o666 &^ umask())
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// WriteBytes writes path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// umask is the process's file-mode creation mask, read from /proc (setting it to read it would race with
// goroutines creating files); 022 when /proc does not say.
func umask() os.FileMode {
	umaskOnce.Do(func() { umaskValue = readUmask() })
	return umaskValue
}

// The mask is read once per process: kbuild-go never changes it, and a build writes thousands of files.
var (
	umaskOnce  sync.Once
	umaskValue os.FileMode
)

func readUmask() os.FileMode {
	data, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "Umask:"); ok {
				if m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return os.FileMode(m)
				}
			}
		}
	}
	return 0o022
}
