package bpfc

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
)

// cacheKey is the cache key of one object: the complete list of what influences its bytes. Any new
// influence on the output must be added here; plan() puts every flag into the command lines, which are
// hashed whole, so a flag cannot escape the key by being added later (the seed hashed its flags before
// appending -include and the arch flags).
//
// What the key does not cover is the content of the headers the compile reads: the header set's ID
// names the set, not its bytes. The record beside the object covers that (see record).
func cacheKey(req *Request, in *input, arch string, j *job, clang, llc *tool, hashLog io.Writer) string {
	h := sha256.New()
	line := func(k, v string) {
		fmt.Fprintf(h, "%s %q\n", k, v)
		if hashLog != nil {
			fmt.Fprintf(hashLog, "bpfc key %s: %s %q\n", j.target, k, v)
		}
	}
	line("version", "bpfc-key-v1")
	line("mode", req.Mode.String())
	line("target", j.target.String())
	line("arch", arch)
	line("input-name", in.name) // the name is in the object (STT_FILE, debug info)
	line("input-sha256", in.hash)
	headers := "none"
	if req.Headers != nil {
		headers = req.Headers.ID
	}
	line("headers-id", headers)
	line("clang", clang.ID)
	for _, a := range j.clang {
		line("clang-arg", a)
	}
	if llc != nil {
		line("llc", llc.ID)
		for _, a := range j.llc {
			line("llc-arg", a)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// The record beside each object (NAME.o.rec) makes a cache hit safe against headers edited in place, the
// way ccache's direct mode does: it lists every file the compile read (clang's depfile), each with its
// sha256 and its stat identity, and the object's own sha256.
//
//	bpfc-record-v1
//	object SHA256 SIZE
//	dep SHA256 SIZE MTIME_NS CTIME_NS INODE PATH
//
// PATH is the rest of the line. A lookup stats each dep: an unchanged stat identity is trusted (the fast
// path), a changed one makes the file be hashed again, and a different hash is a miss. The object is
// hashed too, so a record never vouches for an object another compile replaced. An object without a
// valid record is never a hit. The record is written after the object (both by rename), and not at
// all when a dep changed during the compile (its mtime or ctime not before the compile's start: ccache's
// "too new" rule), since its hash might then not be what clang read.
const recordVersion = "bpfc-record-v1"

type dep struct {
	hash string
	stat statID
	path string
}

// statID is the part of a file's stat that changes when the file is written or replaced.
type statID struct {
	size, mtime, ctime int64
	ino                uint64
}

func statOf(st os.FileInfo) statID {
	id := statID{size: st.Size(), mtime: st.ModTime().UnixNano()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		id.ctime = sys.Ctim.Nano()
		id.ino = sys.Ino
	}
	return id
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkRecord reports whether the object at obj is a valid cache entry: nil when it is, else the reason
// it is not (for the log). Only a missing record is fs.ErrNotExist.
//
// When a dep's stat identity changed but its content did not (a touch, a chmod, a hard link made to it:
// all change ctime), refreshed is the record with the new identities, for the caller to write back, so
// the next lookup takes the fast path again, as ccache updates its manifests. A dep modified at or
// after the check's start is left out of the refresh (refreshed stays nil): its hash might be of
// content that is still changing.
func checkRecord(obj string) (refreshed []byte, err error) {
	start := time.Now().UnixNano()
	b, err := os.ReadFile(obj + ".rec")
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	if !sc.Scan() || sc.Text() != recordVersion {
		return nil, fmt.Errorf("record %s.rec: not a %s record", obj, recordVersion)
	}
	var out bytes.Buffer
	out.WriteString(recordVersion + "\n")
	stale, tooNew := false, false
	var objHash string
	var objSize int64 = -1
	for sc.Scan() {
		kind, rest, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "object":
			f := strings.Fields(rest)
			if len(f) != 2 {
				return nil, fmt.Errorf("record %s.rec: bad object line", obj)
			}
			objHash = f[0]
			objSize, _ = strconv.ParseInt(f[1], 10, 64)
			out.WriteString(sc.Text() + "\n")
		case "dep":
			d, err := parseDep(rest)
			if err != nil {
				return nil, fmt.Errorf("record %s.rec: %v", obj, err)
			}
			st, err := os.Stat(d.path)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.path, err)
			}
			id := statOf(st)
			if id != d.stat {
				h, err := hashFile(d.path)
				if err != nil {
					return nil, err
				}
				if h != d.hash {
					return nil, fmt.Errorf("%s changed", d.path)
				}
				stale = true
				tooNew = tooNew || id.mtime >= start || id.ctime >= start
			}
			writeDep(&out, d.hash, id, d.path)
		default:
			return nil, fmt.Errorf("record %s.rec: unknown line %q", obj, kind)
		}
	}
	if objHash == "" {
		return nil, fmt.Errorf("record %s.rec: no object line", obj)
	}
	st, err := os.Lstat(obj)
	if err != nil {
		return nil, fmt.Errorf("object: %w", err)
	}
	if !st.Mode().IsRegular() || st.Size() != objSize {
		return nil, fmt.Errorf("object %s is not the one recorded", obj)
	}
	h, err := hashFile(obj)
	if err != nil {
		return nil, err
	}
	if h != objHash {
		return nil, fmt.Errorf("object %s is not the one recorded", obj)
	}
	if stale && !tooNew {
		return out.Bytes(), nil
	}
	return nil, nil
}

func writeDep(b *bytes.Buffer, hash string, id statID, path string) {
	fmt.Fprintf(b, "dep %s %d %d %d %d %s\n", hash, id.size, id.mtime, id.ctime, id.ino, path)
}

func parseDep(s string) (dep, error) {
	f := strings.SplitN(s, " ", 6)
	if len(f) != 6 {
		return dep{}, errors.New("bad dep line")
	}
	var d dep
	var err error
	d.hash, d.path = f[0], f[5]
	nums := []*int64{&d.stat.size, &d.stat.mtime, &d.stat.ctime}
	for i, p := range nums {
		if *p, err = strconv.ParseInt(f[1+i], 10, 64); err != nil {
			return dep{}, errors.New("bad dep line")
		}
	}
	if d.stat.ino, err = strconv.ParseUint(f[4], 10, 64); err != nil {
		return dep{}, errors.New("bad dep line")
	}
	return d, nil
}

// makeRecord builds the record for an object compiled in work from the files its depfile lists. skip is
// the input's name (hashed already, through the key). ok is false when a dep was modified at or after
// start, so the record must not be written.
func makeRecord(work, depfile, skip string, object []byte, start time.Time, memo *hashMemo) (rec []byte, ok bool, err error) {
	db, err := os.ReadFile(filepath.Join(work, depfile))
	if err != nil {
		return nil, false, err
	}
	var paths []string
	seen := map[string]bool{}
	for _, p := range parseDepfile(db) {
		if filepath.Clean(p) == skip || seen[p] {
			continue
		}
		seen[p] = true
		if strings.ContainsAny(p, "\n") {
			return nil, false, fmt.Errorf("depfile: a path with a newline: %q", p)
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(work, p) // gone after the compile: the record then never hits, which is safe
		}
		paths = append(paths, p)
	}
	// Reading a kernel compile's ~500 headers is latency-bound (tens of ms on a slow file system), so a
	// few goroutines share it; the record keeps the depfile's order.
	hashes := make([]string, len(paths))
	ids := make([]statID, len(paths))
	var g errgroup.Group
	g.SetLimit(8)
	for i, p := range paths {
		g.Go(func() error {
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			ids[i] = statOf(st)
			hashes[i], err = memo.hash(p, ids[i], start)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, false, err
	}
	var b bytes.Buffer
	b.WriteString(recordVersion + "\n")
	sum := sha256.Sum256(object)
	fmt.Fprintf(&b, "object %s %d\n", hex.EncodeToString(sum[:]), len(object))
	ok = true
	for i, p := range paths {
		if ids[i].mtime >= start.UnixNano() || ids[i].ctime >= start.UnixNano() {
			ok = false
		}
		writeDep(&b, hashes[i], ids[i], p)
	}
	return b.Bytes(), ok, nil
}

// parseDepfile returns the prerequisites of a make-style depfile as clang writes it (-MD -MF):
// "target: a b \<newline> c", spaces in names escaped as "\ ", "$" as "$$".
func parseDepfile(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\\\r\n", " ")
	s = strings.ReplaceAll(s, "\\\n", " ")
	var out []string
	for _, ln := range strings.Split(s, "\n") {
		// The target ends at the first ": " (or ':' at the end); Windows drive letters do not occur here.
		i := strings.Index(ln, ": ")
		if i < 0 {
			if strings.HasSuffix(ln, ":") {
				continue
			}
			continue
		}
		var cur strings.Builder
		rest := ln[i+2:]
		flush := func() {
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
		for k := 0; k < len(rest); k++ {
			c := rest[k]
			switch {
			case c == '\\' && k+1 < len(rest) && (rest[k+1] == ' ' || rest[k+1] == '#' || rest[k+1] == '\\'):
				cur.WriteByte(rest[k+1])
				k++
			case c == '$' && k+1 < len(rest) && rest[k+1] == '$':
				cur.WriteByte('$')
				k++
			case c == ' ' || c == '\t':
				flush()
			default:
				cur.WriteByte(c)
			}
		}
		flush()
	}
	return out
}

// hashMemo remembers header hashes by path and stat identity for the life of a Compiler: the two
// targets of one compile read the same headers, and an agent compiles several programs against one
// header set. An entry is made only for a file last changed well before the hashing began (a second:
// coarser than any file system's timestamps), so a file rewritten within one timestamp tick cannot
// keep its old hash. The zero value is ready; a nil *hashMemo hashes every time.
type hashMemo struct {
	mu sync.Mutex
	m  map[string]memoEntry
}

type memoEntry struct {
	id   statID
	hash string
}

func (hm *hashMemo) hash(path string, id statID, start time.Time) (string, error) {
	if hm == nil {
		return hashFile(path)
	}
	hm.mu.Lock()
	e, ok := hm.m[path]
	hm.mu.Unlock()
	if ok && e.id == id {
		return e.hash, nil
	}
	h, err := hashFile(path)
	if err != nil {
		return "", err
	}
	settled := start.Add(-time.Second).UnixNano()
	if id.mtime < settled && id.ctime < settled {
		hm.mu.Lock()
		if hm.m == nil {
			hm.m = map[string]memoEntry{}
		}
		hm.m[path] = memoEntry{id: id, hash: h}
		hm.mu.Unlock()
	}
	return h, nil
}
