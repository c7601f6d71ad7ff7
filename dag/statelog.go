package dag

// The state log: dag's own persistent memory, in the manner of ninja's .ninja_log and .ninja_deps.
//
// File format (all integers little-endian):
//
//	header:  the 8 bytes "KBGOSTAT" then a uint32 version (stateLogVersion)
//	record:  uint32 n | n bytes of payload | uint32 CRC-32 (IEEE) of the payload
//	payload: uvarint len + output path
//	         uint64 command hash (KeyHash of the command line; 0 = none)
//	         varint duration in nanoseconds
//	         uvarint count, then for each dependency: uvarint len + path
//
// Records are appended only after the command succeeded; when one output has several records the last one
// wins. Reading stops at the first record that is incomplete, fails its checksum or is implausibly large:
// that is a torn tail (a crash in the middle of an append) and the file is truncated back to the last good
// record ("recovering"). A missing header or a different version starts the log over (empty): the log is a
// cache, so losing it costs at most critical-path weights, and rebuild decisions never depend on it when
// another Records implementation (Kbuild's .cmd files) is in use.
//
// Two processes sharing a tree: every read-and-recover, append and compaction holds an exclusive flock on
// the log file, each record is written by one write(2) on an O_APPEND descriptor, and before appending a
// process checks that its descriptor still names the file at the log's path (a compaction by the other
// process replaces it by rename) and reopens it if not. So records never interleave or tear, and no
// process appends to a replaced file. What is not guaranteed: a process does not see the other's records
// appended after it opened the log, and if both build the same output the last record appended wins.
// Appends are not fsync'ed; after a power loss the tail may be cut back by recovery.
//
// Compaction rewrites one record per output into a temporary file in the same directory and renames it
// over the log, so a reader sees either the old or the new file, never a partial one. Open compacts when
// the file holds more than 1000 records and more than three times as many records as outputs.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"
)

const (
	stateLogMagic   = "KBGOSTAT"
	stateLogVersion = 1
	stateHeaderLen  = len(stateLogMagic) + 4
	maxRecordLen    = 64 << 20
)

// StateLog is the append-only state log described at the top of this file. It implements Records (the
// saved command is only a hash, so Record.Command is empty on Load) and supplies previous durations to
// the scheduler. Safe for concurrent use.
type StateLog struct {
	path string

	mu        sync.Mutex
	f         *os.File
	entries   map[string]Record
	records   int   // records in the file, including superseded ones
	recovered int64 // bytes cut from a torn tail at Open
	restarted bool  // the header was missing or of another version at Open
}

// OpenStateLog opens (creating if needed) the log at path, recovering a torn tail and starting over on a
// version mismatch.
func OpenStateLog(path string) (*StateLog, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return nil, err
	}
	l := &StateLog{path: path}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	err = l.readLocked(f)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if err != nil {
		f.Close()
		return nil, err
	}
	l.f = f
	if l.records > 1000 && l.records > 3*len(l.entries) {
		if err := l.Compact(); err != nil {
			l.f.Close()
			return nil, err
		}
	}
	return l, nil
}

// readLocked loads every record of f (flock held), truncating a torn tail and resetting a file with a
// bad header.
func (l *StateLog) readLocked(f *os.File) error {
	data, err := io.ReadAll(io.NewSectionReader(f, 0, 1<<62))
	if err != nil {
		return fmt.Errorf("reading %s: %w", l.path, err)
	}
	l.entries = make(map[string]Record)
	l.records = 0
	if len(data) < stateHeaderLen || string(data[:len(stateLogMagic)]) != stateLogMagic ||
		binary.LittleEndian.Uint32(data[len(stateLogMagic):]) != stateLogVersion {
		l.restarted = len(data) > 0
		if err := f.Truncate(0); err != nil {
			return err
		}
		if _, err := f.Write(stateHeader()); err != nil {
			return err
		}
		return nil
	}
	off := stateHeaderLen
	for off < len(data) {
		out, rec, n, ok := decodeStateRecord(data[off:])
		if !ok {
			break
		}
		l.entries[out] = rec
		l.records++
		off += n
	}
	if off < len(data) {
		l.recovered = int64(len(data) - off)
		if err := f.Truncate(int64(off)); err != nil {
			return fmt.Errorf("recovering %s: %w", l.path, err)
		}
	}
	return nil
}

func stateHeader() []byte {
	h := make([]byte, stateHeaderLen)
	copy(h, stateLogMagic)
	binary.LittleEndian.PutUint32(h[len(stateLogMagic):], stateLogVersion)
	return h
}

func encodeStateRecord(output string, rec Record) []byte {
	var p []byte
	p = binary.AppendUvarint(p, uint64(len(output)))
	p = append(p, output...)
	p = binary.LittleEndian.AppendUint64(p, rec.Hash)
	p = binary.AppendVarint(p, int64(rec.Duration))
	p = binary.AppendUvarint(p, uint64(len(rec.Deps)))
	for _, d := range rec.Deps {
		p = binary.AppendUvarint(p, uint64(len(d)))
		p = append(p, d...)
	}
	out := make([]byte, 0, len(p)+8)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(p)))
	out = append(out, p...)
	return binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(p))
}

// decodeStateRecord decodes one record at the start of b, returning its size; ok=false for a torn or
// corrupt record.
func decodeStateRecord(b []byte) (output string, rec Record, size int, ok bool) {
	if len(b) < 4 {
		return "", Record{}, 0, false
	}
	n := int(binary.LittleEndian.Uint32(b))
	if n > maxRecordLen || len(b) < 8+n {
		return "", Record{}, 0, false
	}
	p := b[4 : 4+n]
	if crc32.ChecksumIEEE(p) != binary.LittleEndian.Uint32(b[4+n:]) {
		return "", Record{}, 0, false
	}
	r := bytes.NewReader(p)
	str := func() (string, bool) {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > uint64(r.Len()) {
			return "", false
		}
		s := make([]byte, l)
		io.ReadFull(r, s)
		return string(s), true
	}
	output, ok = str()
	if !ok {
		return "", Record{}, 0, false
	}
	var h [8]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return "", Record{}, 0, false
	}
	rec.Hash = binary.LittleEndian.Uint64(h[:])
	d, err := binary.ReadVarint(r)
	if err != nil {
		return "", Record{}, 0, false
	}
	rec.Duration = time.Duration(d)
	cnt, err := binary.ReadUvarint(r)
	if err != nil || cnt > uint64(r.Len()) {
		return "", Record{}, 0, false
	}
	for range cnt {
		dep, ok := str()
		if !ok {
			return "", Record{}, 0, false
		}
		rec.Deps = append(rec.Deps, dep)
	}
	return output, rec, 8 + n, true
}

// Load implements Records. The returned Record has an empty Command and the saved Hash.
func (l *StateLog) Load(output string) (Record, bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec, ok := l.entries[output]
	rec.Deps = append([]string(nil), rec.Deps...)
	return rec, ok, nil
}

// Duration returns the last recorded duration of the command that made output.
func (l *StateLog) Duration(output string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rec, ok := l.entries[output]
	return rec.Duration, ok
}

// Save implements Records: it appends a record (the command only as its hash; Hash is computed from
// Command when unset).
func (l *StateLog) Save(output string, rec Record) error {
	if rec.Hash == 0 {
		rec.Hash = KeyHash(rec.Command)
	}
	rec.Command = ""
	rec.Deps = append([]string(nil), rec.Deps...)
	buf := encodeStateRecord(output, rec)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("dag: state log is closed")
	}
	if err := l.lockCurrentLocked(); err != nil {
		return err
	}
	_, err := l.f.Write(buf)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if err != nil {
		return fmt.Errorf("appending to %s: %w", l.path, err)
	}
	l.entries[output] = rec
	l.records++
	return nil
}

// lockCurrentLocked takes the flock on a descriptor that still names the file at l.path, reopening it
// when another process's compaction replaced the file.
func (l *StateLog) lockCurrentLocked() error {
	for range 10 {
		if err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_EX); err != nil {
			return fmt.Errorf("locking %s: %w", l.path, err)
		}
		fi, err1 := l.f.Stat()
		pi, err2 := os.Stat(l.path)
		if err1 == nil && err2 == nil && os.SameFile(fi, pi) {
			return nil
		}
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		nf, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o666)
		if err != nil {
			return err
		}
		l.f.Close()
		l.f = nf
		if st, err := nf.Stat(); err == nil && st.Size() == 0 {
			// The log was deleted: start the new file with a header (under its lock, next iteration
			// re-checks; writing the header twice cannot happen because both writers hold the flock).
			syscall.Flock(int(nf.Fd()), syscall.LOCK_EX)
			if st, err := nf.Stat(); err == nil && st.Size() == 0 {
				nf.Write(stateHeader())
			}
			syscall.Flock(int(nf.Fd()), syscall.LOCK_UN)
		}
	}
	return fmt.Errorf("dag: state log %s keeps being replaced", l.path)
}

// Compact rewrites the log with one record per output (including records other processes appended since
// Open), via a temporary file and rename.
func (l *StateLog) Compact() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("dag: state log is closed")
	}
	if err := l.lockCurrentLocked(); err != nil {
		return err
	}
	old := l.f
	if err := l.compactLocked(old); err != nil {
		syscall.Flock(int(old.Fd()), syscall.LOCK_UN)
		return err
	}
	// The new file is in place and l.f names it; closing the replaced file releases its flock, which
	// lets another process's pending append proceed, notice the rename and reopen.
	return old.Close()
}

// compactLocked writes the compacted log next to l.path and renames it over, holding the flock of old.
func (l *StateLog) compactLocked(old *os.File) error {
	if err := l.readLocked(old); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(l.path), filepath.Base(l.path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	var buf bytes.Buffer
	buf.Write(stateHeader())
	outs := make([]string, 0, len(l.entries))
	for o := range l.entries {
		outs = append(outs, o)
	}
	sort.Strings(outs)
	for _, o := range outs {
		buf.Write(encodeStateRecord(o, l.entries[o]))
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), l.path); err != nil {
		return err
	}
	nf, err := os.OpenFile(l.path, os.O_RDWR|os.O_APPEND, 0o666)
	if err != nil {
		return err
	}
	l.f = nf
	l.records = len(outs)
	return nil
}

// Recovered reports how many bytes of a torn tail Open cut off, and whether Open started the log over
// because of a missing header or another version.
func (l *StateLog) Recovered() (tornBytes int64, restarted bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.recovered, l.restarted
}

// Len returns the number of outputs with a record.
func (l *StateLog) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// Close closes the log file.
func (l *StateLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
