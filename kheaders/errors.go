package kheaders

import (
	"errors"
	"fmt"
)

// FetchResult is the outcome of one header search, named for telemetry (the seed's header fetch results,
// with "sysfs" called kheaders because the archive may also be a given file).
type FetchResult int

const (
	FetchNotAttempted       FetchResult = iota
	FetchCustomFound                    // a configured directory validated
	FetchDefaultFound                   // a default place for the release validated
	FetchKheadersFound                  // a kheaders archive, extracted into the cache, validated
	FetchDownloadedFound                // headers downloaded by an earlier run validated
	FetchDownloadOK                     // headers downloaded by this search validated
	FetchDownloadFailure                // every download failed (network, checksum, unpacking)
	FetchValidationFailure              // candidates existed but every one was rejected
	FetchNotFoundNoDownload             // no candidate at all, and no download configured
	FetchHostVersionError               // the target kernel's release or version code is unknown
	FetchCacheDirError                  // the cache directory is unsafe or cannot be created
	numFetchResults
)

var fetchResultNames = [numFetchResults]string{
	"not_attempted", "custom_found", "default_found", "kheaders_found", "downloaded_found", "download_ok",
	"download_failure", "validation_failure", "not_found_download_disabled", "host_version_error",
	"cache_dir_error",
}

// String returns the telemetry name: lower case, underscores, stable across releases.
func (r FetchResult) String() string {
	if r >= 0 && r < numFetchResults {
		return fetchResultNames[r]
	}
	return fmt.Sprintf("fetch_result_%d", int(r))
}

// Found reports whether the result means a usable Set was found.
func (r FetchResult) Found() bool {
	return r >= FetchCustomFound && r <= FetchDownloadOK
}

// Sentinel errors, matched with errors.Is through the typed errors below.
var (
	// ErrNotFound: no candidate directory or archive exists.
	ErrNotFound = errors.New("no kernel headers found")
	// ErrReleaseMismatch: a candidate's UTS_RELEASE differs from the target release.
	ErrReleaseMismatch = errors.New("UTS_RELEASE mismatch")
	// ErrVersionMismatch: a candidate's LINUX_VERSION_CODE differs from the target kernel's.
	ErrVersionMismatch = errors.New("LINUX_VERSION_CODE mismatch")
	// ErrMissingHeaders: a candidate lacks a critical header (or a file validation reads).
	ErrMissingHeaders = errors.New("critical header missing")
	// ErrUnsafeArchive: an archive entry would escape the extraction root or write through a symlink.
	ErrUnsafeArchive = errors.New("unsafe archive entry")
	// ErrCorrupt: an archive (xz stream, tar, ar) is malformed.
	ErrCorrupt = errors.New("corrupt archive")
	// ErrChecksum: a download's sha256 (or size) differs from the one its index gives.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrUnsafeDir: a private directory is reached through a symlink, writable by others or not ours.
	ErrUnsafeDir = errors.New("unsafe directory")
)

// Rejection records one candidate that was looked at and not used.
type Rejection struct {
	Dirs   []string // the candidate's roots (or the archive/URL for a failed extraction or download)
	Source Source   // where the candidate came from
	Err    error    // why: wraps ErrReleaseMismatch, ErrVersionMismatch, ErrMissingHeaders, ...
}

// String gives "dir (source): reason", the line Options.Log and -v show.
func (r Rejection) String() string {
	return fmt.Sprintf("%s (%s): %v", joinDirs(r.Dirs), r.Source, r.Err)
}

// FindError is the error of a search that found no usable headers. Result says why, for telemetry;
// Rejected lists every candidate skipped. errors.Is(err, ErrVersionMismatch) (and the other sentinels)
// reports whether any candidate was rejected for that reason, so a caller can tell "wrong headers
// installed" from "no headers at all".
type FindError struct {
	Release     string
	VersionCode uint32
	Result      FetchResult
	Rejected    []Rejection
	Err         error // the last failure that decided Result (a download error, a host error), or nil
}

// Error gives the target, the result code, the deciding failure and the first rejection.
func (e *FindError) Error() string {
	msg := fmt.Sprintf("kernel headers for %s (version code %#x): %s", e.Release, e.VersionCode, e.Result)
	if e.Err != nil && !e.rejected(e.Err) {
		msg += ": " + e.Err.Error()
	}
	switch len(e.Rejected) {
	case 0:
	case 1:
		msg += "; rejected " + e.Rejected[0].String()
	default:
		msg += fmt.Sprintf("; %d candidates rejected, first %s", len(e.Rejected), e.Rejected[0].String())
	}
	return msg
}

// rejected reports whether err is already shown as a rejection's reason (a failed download is both).
func (e *FindError) rejected(err error) bool {
	for _, r := range e.Rejected {
		if r.Err == err {
			return true
		}
	}
	return false
}

// Unwrap exposes Err and every rejection's reason to errors.Is / errors.As.
func (e *FindError) Unwrap() []error {
	var errs []error
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	for _, r := range e.Rejected {
		errs = append(errs, r.Err)
	}
	return errs
}

// FileError is an error about one file, positioned by path (and by the archive entry when there is one):
// "archive.tar.xz: ./a/../b: entry escapes the root: unsafe archive entry".
type FileError struct {
	Path  string // the file (an archive, a header, a downloaded URL)
	Entry string // the archive entry, or ""
	Err   error
}

// Error gives "path: entry: reason" ("path: reason" without an entry).
func (e *FileError) Error() string {
	if e.Entry != "" {
		return e.Path + ": " + e.Entry + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

// Unwrap gives the reason, for errors.Is with the sentinels.
func (e *FileError) Unwrap() error { return e.Err }

// DirError is the error of PrivateDir: the directory that failed the check and why. The compiler maps it
// to its "output directory error" telemetry code.
type DirError struct {
	Path      string
	Component string // the path component that failed the check, when it is not Path itself
	Err       error  // wraps ErrUnsafeDir for a refusal, or the os error
}

// Error gives the directory, the failing component when it is another, and the reason.
func (e *DirError) Error() string {
	if e.Component != "" && e.Component != e.Path {
		return "private directory " + e.Path + ": " + e.Component + ": " + e.Err.Error()
	}
	return "private directory " + e.Path + ": " + e.Err.Error()
}

// Unwrap gives the reason (ErrUnsafeDir or the os error).
func (e *DirError) Unwrap() error { return e.Err }

// reasonf builds a reason error wrapping a sentinel: "reasonf(ErrVersionMismatch, "...")" prints
// "...: LINUX_VERSION_CODE mismatch".
func reasonf(sentinel error, format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, sentinel)...)
}
