package toolchain

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
)

// On-disk probe cache.
//
// Layout: <dir>/v1/<first two hex digits>/<sha256 of the key text>. Each file is one entry:
//
//	kbuild-go probe cache v1\n
//	{"key": "<full key text>", "status": 0, "stdout": "...", "stderr": "..."}\n
//
// The full key text is stored and compared on read, so a hash collision or a file from another format
// reads as a miss, never as a wrong result. Entries are written to a temporary file in the same directory
// and renamed into place, so a reader in another process sees either no entry or a complete one; two
// processes writing the same key write the same content and the last rename wins. A new format bumps
// the version directory, leaving old entries unread.

const cacheHeader = "kbuild-go probe cache v1\n"
const cacheVersionDir = "v1"

type cacheEntry struct {
	Key    string `json:"key"`
	Status int    `json:"status"`
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
}

type diskCache struct{ dir string }

func (c *diskCache) path(hash string) string {
	return filepath.Join(c.dir, cacheVersionDir, hash[:2], hash)
}

// get returns the entry for key, or false on a miss (no file, another format, another key).
func (c *diskCache) get(hash, key string) (cacheEntry, bool) {
	data, err := os.ReadFile(c.path(hash))
	if err != nil {
		return cacheEntry{}, false
	}
	body, ok := bytes.CutPrefix(data, []byte(cacheHeader))
	if !ok {
		return cacheEntry{}, false
	}
	var e cacheEntry
	if json.Unmarshal(body, &e) != nil || e.Key != key {
		return cacheEntry{}, false
	}
	return e, true
}

// put stores e atomically.
func (c *diskCache) put(hash string, e cacheEntry) error {
	p := c.path(hash)
	if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-"+hash[:8]+"-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(append(append([]byte(cacheHeader), body...), '\n'))
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), p)
	}
	if werr != nil {
		os.Remove(f.Name())
	}
	return werr
}
