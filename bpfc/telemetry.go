package bpfc

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Code is the result of one compile, as telemetry reports it. The list follows the seed's compilation
// results (not attempted, success, cache hit, header fetch, kernel version, verification, output dir,
// output file, new compiler, compilation) with kbuild-go's additions (bad request). The numbers are part
// of the telemetry format: append, never renumber.
type Code int

const (
	CodeNotAttempted      Code = iota // the compile did not get as far as a result
	CodeSuccess                       // compiled and written
	CodeCacheHit                      // a cached object was valid; no compiler ran
	CodeHeaderFetch                   // no usable header set was found or downloaded
	CodeVersionMismatch               // header candidates existed, but none matched the target kernel
	CodeInputVerification             // the input was not a bounded regular file, or its sha256 differed
	CodeOutputDir                     // the output (or cache) directory could not be made private
	CodeOutputFile                    // the object or its record could not be written or read back
	CodeCompilerMissing               // clang or llc could not be found or started (the seed's new-compiler error)
	CodeCompile                       // the compiler ran and failed
	CodeBadRequest                    // the request itself is inconsistent (kernel mode without headers, ...)
)

var codeNames = [...]string{
	"not_attempted", "success", "cache_hit", "header_fetch_failure", "version_mismatch",
	"input_verification_failure", "output_dir_error", "output_file_error", "compiler_missing",
	"compile_error", "bad_request",
}

// String gives the code's telemetry name (snake_case, stable).
func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "code_" + strconv.Itoa(int(c))
}

// MarshalText writes the code by name, so JSON telemetry reads as words.
func (c Code) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Error is a failed compile step: its result code and the cause. Callers find the code with errors.As;
// Output holds what the compiler printed (diagnostics), kept apart from the message so the message stays
// one line.
type Error struct {
	Code   Code
	Err    error
	Output string
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap gives the cause (fs.ErrNotExist, exec.ErrNotFound, ...).
func (e *Error) Unwrap() error { return e.Err }

// codeErr wraps err with code; an error that already carries a code keeps its own.
func codeErr(code Code, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: code, Err: err}
}

// CodeOf returns the code an error carries: CodeSuccess for nil, CodeNotAttempted for an error without one.
func CodeOf(err error) Code {
	if err == nil {
		return CodeSuccess
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeNotAttempted
}

// Durations are the times of the compile's steps, in the seed's order.
type Durations struct {
	Headers   time.Duration `json:"headers_ns"`
	OutputDir time.Duration `json:"output_dir_ns"`
	Input     time.Duration `json:"input_ns"`
	Compile   time.Duration `json:"compile_ns"` // cache lookup included
	Total     time.Duration `json:"total_ns"`
}

// Telemetry is the record of one compile. It is written whether the compile succeeded or not.
type Telemetry struct {
	Time         time.Time `json:"time"`
	Input        string    `json:"input"` // the input's base name: no paths leave the machine
	Mode         string    `json:"mode"`
	Targets      []string  `json:"targets"`
	Code         Code      `json:"code"`
	HeaderSource string    `json:"header_source"`
	HeaderFetch  string    `json:"header_fetch,omitempty"` // kheaders' fetch result, when a search ran
	Release      string    `json:"release,omitempty"`
	Durations    Durations `json:"durations"`
	Error        string    `json:"error,omitempty"`
}

// Sink receives telemetry records. Record must be safe for concurrent use.
type Sink interface {
	Record(t *Telemetry) error
}

// JSONLines writes each record as one JSON object on its own line. Each record goes out in one Write, so
// several processes appending to one O_APPEND file do not interleave within a line.
func JSONLines(w io.Writer) Sink { return &jsonSink{w: w} }

type jsonSink struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *jsonSink) Record(t *Telemetry) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err = s.w.Write(b)
	return err
}

// StatsD is a DogStatsD client over UDP: per record a counter kbuild_go.bpf.compile.result with the code,
// header source and mode as tags, and one timing (|ms) per step, all in one datagram (DogStatsD reads
// newline-separated metrics). UDP is fire-and-forget: a missing agent is not an error.
type StatsD struct {
	conn   *net.UDPConn
	prefix string
}

// DialStatsD returns a StatsD client sending to addr (HOST:PORT).
func DialStatsD(addr string) (*StatsD, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("statsd %s: %w", addr, err)
	}
	c, err := net.DialUDP("udp", nil, ua)
	if err != nil {
		return nil, fmt.Errorf("statsd %s: %w", addr, err)
	}
	return &StatsD{conn: c, prefix: "kbuild_go.bpf.compile."}, nil
}

// Close closes the socket.
func (s *StatsD) Close() error { return s.conn.Close() }

// Record sends the record's metrics.
func (s *StatsD) Record(t *Telemetry) error {
	_, err := s.conn.Write(formatStatsD(s.prefix, t))
	return err
}

// formatStatsD renders t in DogStatsD's line format: name:value|type|#tag:val,...
func formatStatsD(prefix string, t *Telemetry) []byte {
	tags := map[string]string{"code": t.Code.String(), "header_source": t.HeaderSource, "mode": t.Mode}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var tb strings.Builder
	for i, k := range keys {
		if i > 0 {
			tb.WriteByte(',')
		}
		tb.WriteString(k + ":" + statsdTag(tags[k]))
	}
	tag := tb.String()
	var b []byte
	b = fmt.Appendf(b, "%sresult:1|c|#%s\n", prefix, tag)
	for _, d := range []struct {
		name string
		d    time.Duration
	}{
		{"headers", t.Durations.Headers}, {"output_dir", t.Durations.OutputDir},
		{"input", t.Durations.Input}, {"compile", t.Durations.Compile}, {"total", t.Durations.Total},
	} {
		b = fmt.Appendf(b, "%sduration.%s:%s|ms|#%s\n", prefix, d.name,
			strconv.FormatFloat(float64(d.d)/1e6, 'f', 3, 64), tag)
	}
	return b[:len(b)-1]
}

// statsdTag removes the characters DogStatsD gives meaning to (|, comma, #, newline).
func statsdTag(s string) string {
	if s == "" {
		return "none"
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '|', ',', '#', '\n', ':':
			return '_'
		}
		return r
	}, s)
}
