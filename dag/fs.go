package dag

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"sync"
	"syscall"
	"time"
)

// FS is the file system as the engine sees it (ninja's DiskInterface), abstract so tests run in memory.
type FS interface {
	// Stat returns the modification time and whether the file exists; a missing file is not an error.
	Stat(path string) (mtime time.Time, exists bool, err error)
	// Remove deletes a file; a missing file is not an error.
	Remove(path string) error
	ReadFile(path string) ([]byte, error)
	WriteFile(path string, data []byte) error
	// MkdirAll creates a directory and its parents.
	MkdirAll(path string) error
}

// OSFS is the real file system.
type OSFS struct{}

// Stat implements FS.
func (OSFS) Stat(path string) (time.Time, bool, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return time.Time{}, false, nil
		}
		return time.Time{}, false, err
	}
	return fi.ModTime(), true, nil
}

// Remove implements FS.
func (OSFS) Remove(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// ReadFile implements FS.
func (OSFS) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

// WriteFile implements FS.
func (OSFS) WriteFile(path string, data []byte) error { return os.WriteFile(path, data, 0o666) }

// MkdirAll implements FS.
func (OSFS) MkdirAll(path string) error { return os.MkdirAll(path, 0o777) }

// MemFS is an in-memory FS with a fake clock (ninja's VirtualFileSystem): every write stamps the file with
// the current fake time, and Tick advances it, so tests control mtimes exactly. Safe for concurrent use.
type MemFS struct {
	mu    sync.Mutex
	now   time.Time
	files map[string]memFile
	dirs  map[string]bool
}

type memFile struct {
	data  []byte
	mtime time.Time
}

// NewMemFS returns an empty MemFS whose clock starts at a fixed instant.
func NewMemFS() *MemFS {
	return &MemFS{now: time.Unix(1_000_000, 0), files: make(map[string]memFile), dirs: make(map[string]bool)}
}

// Tick advances the fake clock by one second and returns the new time.
func (m *MemFS) Tick() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(time.Second)
	return m.now
}

// Now returns the fake clock's time.
func (m *MemFS) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Stat implements FS.
func (m *MemFS) Stat(path string) (time.Time, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[path]
	if !ok {
		return time.Time{}, false, nil
	}
	return f.mtime, true, nil
}

// Remove implements FS.
func (m *MemFS) Remove(path string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, path)
	return nil
}

// ReadFile implements FS; a missing file is an error wrapping fs.ErrNotExist.
func (m *MemFS) ReadFile(path string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.files[path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return append([]byte(nil), f.data...), nil
}

// WriteFile implements FS, stamping the file with the fake clock's time.
func (m *MemFS) WriteFile(path string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[path] = memFile{data: append([]byte(nil), data...), mtime: m.now}
	return nil
}

// MkdirAll implements FS (directories are only remembered).
func (m *MemFS) MkdirAll(path string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dirs[path] = true
	return nil
}

// Paths returns the files present, sorted.
func (m *MemFS) Paths() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.files))
	for p := range m.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
