package kheaders

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"

	"golang.org/x/sys/unix"
)

// Host describes the running kernel: what `uname -r`, `uname -v`, `uname -m` print, and the
// LINUX_VERSION_CODE it was built with.
type Host struct {
	Release     string // uname -r
	Version     string // uname -v
	Machine     string // uname -m
	VersionCode uint32 // 0 when neither the vDSO nor uname -v gives it; see VersionErr
	VersionErr  error  // why VersionCode is 0
}

// RunningKernel describes the running kernel. The version code comes from the vDSO's "Linux" ELF note —
// the LINUX_VERSION_CODE the kernel was built with, which cilium/ebpf reads too — and, when that fails,
// from a distribution version in uname -v ("... Debian 6.1.192-1 (2026-...)"). It is never derived from
// the release string: Debian's 6.1.0-57-amd64 is 6.1.192.
func RunningKernel() (Host, error) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return Host{}, fmt.Errorf("uname: %w", err)
	}
	h := Host{Release: unix.ByteSliceToString(u.Release[:]), Version: unix.ByteSliceToString(u.Version[:]),
		Machine: unix.ByteSliceToString(u.Machine[:])}
	code, err := vdsoVersionCode()
	if err == nil {
		h.VersionCode = code
		return h, nil
	}
	if c, ok := versionFromUnameV(h.Version); ok {
		h.VersionCode = c
		return h, nil
	}
	h.VersionErr = fmt.Errorf("vDSO: %v; uname -v %q names no version", err, h.Version)
	return h, nil
}

// KernelVersion is the kernel's KERNEL_VERSION(a, b, c) macro: the sublevel saturates at 255, as it does
// since 4.9.256 (so 4.9.337 is 4.9.255).
func KernelVersion(a, b, c uint32) uint32 {
	return a<<16 + b<<8 + min(c, 255)
}

// distroVersion matches the upstream version a distribution puts in uname -v: Debian's
// "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-1 (2026-11-26)".
var distroVersion = regexp.MustCompile(`\bDebian (\d+)\.(\d+)\.(\d+)`)

func versionFromUnameV(v string) (uint32, bool) {
	m := distroVersion.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	var n [3]uint32
	for i := range n {
		x, err := strconv.ParseUint(m[i+1], 10, 16)
		if err != nil {
			return 0, false
		}
		n[i] = uint32(x)
	}
	return KernelVersion(n[0], n[1], n[2]), true
}

const (
	atNull        = 0
	atSysinfoEhdr = 33 // AT_SYSINFO_EHDR: the address of the vDSO's ELF header
)

// vdsoVersionCode reads LINUX_VERSION_CODE from the vDSO mapped into this process: its address from
// /proc/self/auxv (AT_SYSINFO_EHDR), its bytes through /proc/self/mem, the note named "Linux" of type 0
// with a 4-byte descriptor (the kernel's vdso/note.S: ELFNOTE32("Linux", 0, LINUX_VERSION_CODE)).
func vdsoVersionCode() (uint32, error) {
	auxv, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		return 0, err
	}
	addr, err := auxvLookup(auxv, atSysinfoEhdr)
	if err != nil {
		return 0, err
	}
	mem, err := os.Open("/proc/self/mem")
	if err != nil {
		return 0, err
	}
	defer mem.Close()
	return linuxNoteVersion(io.NewSectionReader(mem, int64(addr), math.MaxInt64-int64(addr)))
}

// auxvLookup finds tag in an auxiliary vector of native-endian, word-sized (tag, value) pairs.
func auxvLookup(auxv []byte, tag uint64) (uint64, error) {
	const w = 4 << (^uintptr(0) >> 63) // the word size: 8 on 64-bit, 4 on 32-bit
	for len(auxv) >= 2*w {
		var t, v uint64
		if w == 8 {
			t, v = binary.NativeEndian.Uint64(auxv), binary.NativeEndian.Uint64(auxv[8:])
		} else {
			t, v = uint64(binary.NativeEndian.Uint32(auxv)), uint64(binary.NativeEndian.Uint32(auxv[4:]))
		}
		auxv = auxv[2*w:]
		if t == tag {
			if v == 0 {
				return 0, errors.New("auxv: AT_SYSINFO_EHDR is 0")
			}
			return v, nil
		}
		if t == atNull {
			break
		}
	}
	return 0, errors.New("auxv: no vDSO (AT_SYSINFO_EHDR)")
}

// linuxNoteVersion returns the descriptor of the "Linux" note, type 0, size 4, of an ELF image.
func linuxNoteVersion(r io.ReaderAt) (v uint32, err error) {
	defer func() {
		// debug/elf may panic on a malformed image; the vDSO is the kernel's, but stay safe.
		if p := recover(); p != nil {
			err = fmt.Errorf("reading vDSO ELF: %v", p)
		}
	}()
	f, err := elf.NewFile(r)
	if err != nil {
		return 0, fmt.Errorf("reading vDSO ELF: %w", err)
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_NOTE {
			continue
		}
		data, err := s.Data()
		if err != nil {
			return 0, err
		}
		for len(data) >= 12 {
			nsz, dsz, typ := f.ByteOrder.Uint32(data), f.ByteOrder.Uint32(data[4:]), f.ByteOrder.Uint32(data[8:])
			data = data[12:]
			nal, dal := int(align4(nsz)), int(align4(dsz))
			if nal > len(data) || dal > len(data)-nal {
				break
			}
			name := bytes.TrimRight(data[:nsz], "\x00")
			desc := data[nal : nal+int(dsz)]
			data = data[nal+dal:]
			if string(name) == "Linux" && typ == 0 && dsz == 4 {
				return f.ByteOrder.Uint32(desc), nil
			}
		}
	}
	return 0, errors.New("no Linux note in the vDSO")
}

func align4(n uint32) uint32 { return (n + 3) &^ 3 }

// srcArch maps uname -m to the kernel's SRCARCH (the arch/ directory), as the top Makefile's SUBARCH
// sed does.
func srcArch(machine string) string {
	switch machine {
	case "x86_64", "i386", "i486", "i586", "i686":
		return "x86"
	case "aarch64", "arm64":
		return "arm64"
	case "s390x":
		return "s390"
	case "ppc", "ppc64", "ppc64le":
		return "powerpc"
	case "riscv64", "riscv32":
		return "riscv"
	case "loongarch64":
		return "loongarch"
	case "mips", "mips64":
		return "mips"
	case "sparc64":
		return "sparc"
	case "parisc64":
		return "parisc"
	}
	if len(machine) >= 3 && machine[:3] == "arm" {
		return "arm"
	}
	return machine
}

// debArch maps uname -m to Debian's architecture name (package file names, binary-ARCH indexes).
func debArch(machine string) string {
	switch machine {
	case "x86_64":
		return "amd64"
	case "i386", "i486", "i586", "i686":
		return "i386"
	case "aarch64", "arm64":
		return "arm64"
	case "armv7l", "armv6l":
		return "armhf"
	case "ppc64le":
		return "ppc64el"
	case "s390x":
		return "s390x"
	case "riscv64":
		return "riscv64"
	case "loongarch64":
		return "loong64"
	case "mips64":
		return "mips64el"
	}
	return machine
}
