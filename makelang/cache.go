package makelang

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FS is the file system a scope reads through. Paths are absolute and clean.
type FS interface {
	Stat(name string) (fs.FileInfo, error)
	ReadFile(name string) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// WriteFS is implemented by file systems that support $(file >name,...) and $(file >>name,...).
type WriteFS interface {
	WriteFile(name string, data []byte, appendTo bool) error
}

// SymlinkFS is implemented by file systems that can resolve symbolic links for $(realpath).
type SymlinkFS interface {
	EvalSymlinks(name string) (string, error)
}

// OSFS is the operating system's file system.
type OSFS struct{}

// Stat implements FS.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadFile implements FS.
func (OSFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// ReadDir implements FS.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// EvalSymlinks implements SymlinkFS.
func (OSFS) EvalSymlinks(name string) (string, error) { return filepath.EvalSymlinks(name) }

// WriteFile implements WriteFS.
func (OSFS) WriteFile(name string, data []byte, appendTo bool) error {
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appendTo {
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(name, flag, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Cache holds parsed makefiles by absolute path, and parsed expressions by text, for any number of scopes.
// It is safe for concurrent use. A file is re-parsed when its size or modification time changed since it
// was parsed (a build rewrites .cmd files that later scopes include).
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
	exprs sync.Map // string -> expr
	texts sync.Map // string -> *File, for $(eval) text
}

type cachedFile struct {
	once  sync.Once
	size  int64
	mtime time.Time
	file  *File
	err   error
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cachedFile{}} }

// ParseFile returns the parsed file at path (absolute), reading it through fsys (nil: the OS); the same
// *File is returned while the file is unchanged. name is the name positions use.
func (c *Cache) ParseFile(fsys FS, path, name string) (*File, error) {
	if fsys == nil {
		fsys = OSFS{}
	}
	return c.file(fsys, path, name)
}

func (c *Cache) file(fsys FS, path, name string) (*File, error) {
	st, err := fsys.Stat(path)
	if err != nil {
		return nil, err
	}
	key := path + "\x00" + name
	c.mu.Lock()
	cf := c.files[key]
	if cf == nil || cf.size != st.Size() || !cf.mtime.Equal(st.ModTime()) {
		cf = &cachedFile{size: st.Size(), mtime: st.ModTime()}
		c.files[key] = cf
	}
	c.mu.Unlock()
	cf.once.Do(func() {
		var src []byte
		if src, cf.err = fsys.ReadFile(path); cf.err == nil {
			cf.file, cf.err = Parse(name, src)
		}
	})
	return cf.file, cf.err
}

// Files lists the absolute paths of the makefiles parsed so far (included ones and .cmd files too).
func (c *Cache) Files() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.files))
	for key := range c.files {
		p, _, _ := strings.Cut(key, "\x00")
		out = append(out, p)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// parseText parses $(eval) text, cached by position and text. line > 0 gives every statement that line, as
// make reports everything an $(eval) runs at the line of the $(eval).
func (c *Cache) parseText(name string, line int, text string) (*File, error) {
	key := name + "\x00" + strconv.Itoa(line) + "\x00" + text
	if f, ok := c.texts.Load(key); ok {
		return f.(*File), nil
	}
	f, err := Parse(name, []byte(text))
	if err != nil {
		if pe, ok := err.(ParseErrors); ok && line > 0 {
			for _, e := range pe {
				e.Pos.Line = line
			}
		}
		return nil, err
	}
	if line > 0 {
		setLine(f.Nodes, line)
	}
	c.texts.Store(key, f)
	return f, nil
}

// setLine sets the line of every statement of a freshly parsed tree.
func setLine(nodes []Node, line int) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *Assign:
			n.Pos.Line = line
		case *Define:
			n.Pos.Line = line
		case *Cond:
			n.Pos.Line = line
			setLine(n.Then, line)
			setLine(n.Else, line)
		case *Include:
			n.Pos.Line = line
		case *Export:
			n.Pos.Line = line
		case *Undefine:
			n.Pos.Line = line
		case *Vpath:
			n.Pos.Line = line
		case *Rule:
			n.Pos.Line = line
			if n.Assign != nil {
				n.Assign.Pos.Line = line
			}
		case *Recipe:
			n.Pos.Line = line
		}
	}
}

// expr returns the parsed expression of text.
func (c *Cache) expr(text string) (expr, error) {
	if e, ok := c.exprs.Load(text); ok {
		return e.(expr), nil
	}
	e, err := parseExpr(text)
	if err != nil {
		return nil, err
	}
	c.exprs.Store(text, e)
	return e, nil
}
