// Package distcc sends compiles to distcc hosts (Debian's distcc 3.4, the engine kernel developers run):
// the host list as distcc reads it (DISTCC_HOSTS), a pool of remote slots that remembers which hosts
// failed, and the command that runs one compile on one host through distcc's own client, in plain mode
// (preprocessing stays local, so depfiles are the local ones). A failed remote attempt is the caller's to
// run again locally: the pool only says which host to try and for how long a failed one is skipped.
package distcc

import (
	"fmt"
	"strconv"
	"strings"
)

// Host is one remote entry of a host list.
type Host struct {
	// Name is the host as written (a name, an IPv4 address, or an IPv6 one in brackets), with its port when
	// one is given: what reports and counts call it.
	Name string
	// Slots is the entry's /LIMIT: how many compiles it takes at once (distcc's default is 4).
	Slots int
	// Spec is the entry as DISTCC_HOSTS gives it to the client for this host alone.
	Spec string
}

// DefaultSlots is distcc's own default limit for a TCP host.
const DefaultSlots = 4

// ParseHosts reads a DISTCC_HOSTS list: TCP hosts (HOST[:PORT][/LIMIT][,OPTIONS], or the old style
// HOST[/LIMIT][:PORT]) become remote hosts; localhost entries, --localslots and --randomize are distcc's
// local and ordering settings, which kbuild-go's own job slots and scheduler replace, so they are skipped.
// SSH hosts (USER@HOST), pump mode (,cpp) and +zeroconf are refused: kbuild-go runs distcc in plain mode
// over TCP only.
func ParseHosts(list string) ([]Host, error) {
	var hosts []Host
	seen := map[string]bool{}
	for _, f := range strings.Fields(list) {
		switch {
		case f == "--randomize" || strings.HasPrefix(f, "--localslots"):
			continue
		case f == "+zeroconf":
			return nil, fmt.Errorf("distcc hosts: %q: zeroconf discovery is not supported; list the hosts", f)
		case strings.HasPrefix(f, "-"):
			return nil, fmt.Errorf("distcc hosts: unknown option %q", f)
		case strings.Contains(f, "@"):
			return nil, fmt.Errorf("distcc hosts: %q: SSH hosts are not supported; run distccd and give HOST[:PORT]", f)
		}
		h, err := parseHost(f)
		if err != nil {
			return nil, fmt.Errorf("distcc hosts: %q: %v", f, err)
		}
		if h.Name == "" {
			continue // localhost: local slots
		}
		if seen[h.Name] {
			return nil, fmt.Errorf("distcc hosts: %s is listed twice", h.Name)
		}
		seen[h.Name] = true
		hosts = append(hosts, h)
	}
	return hosts, nil
}

// parseHost reads one TCP entry; a localhost entry gives a Host with no Name.
func parseHost(f string) (Host, error) {
	spec, opts, _ := strings.Cut(f, ",")
	for _, o := range strings.Split(opts, ",") {
		switch o {
		case "", "lzo":
		case "cpp":
			return Host{}, fmt.Errorf("pump mode (,cpp) is not supported: kbuild-go preprocesses locally")
		default:
			return Host{}, fmt.Errorf("unknown option %q", o)
		}
	}
	var host, port, limit string
	if strings.HasPrefix(spec, "[") {
		end := strings.Index(spec, "]")
		if end < 0 {
			return Host{}, fmt.Errorf("unterminated [")
		}
		host, spec = spec[:end+1], spec[end+1:]
	} else {
		i := strings.IndexAny(spec, ":/")
		if i < 0 {
			i = len(spec)
		}
		host, spec = spec[:i], spec[i:]
	}
	for spec != "" {
		var part string
		sep := spec[0]
		spec = spec[1:]
		if i := strings.IndexAny(spec, ":/"); i >= 0 {
			part, spec = spec[:i], spec[i:]
		} else {
			part, spec = spec, ""
		}
		switch {
		case sep == ':' && port == "":
			port = part
		case sep == '/' && limit == "":
			limit = part
		default:
			return Host{}, fmt.Errorf("%c%s given twice", sep, part)
		}
	}
	if host == "" {
		return Host{}, fmt.Errorf("no host name")
	}
	slots := DefaultSlots
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 {
			return Host{}, fmt.Errorf("limit %q is not a positive number", limit)
		}
		slots = n
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return Host{}, fmt.Errorf("port %q is not a port number", port)
		}
	}
	if host == "localhost" && port == "" {
		return Host{}, nil
	}
	name := host
	if port != "" {
		name += ":" + port
	}
	spec = name + "/" + strconv.Itoa(slots)
	if opts != "" {
		spec += "," + opts
	}
	return Host{Name: name, Slots: slots, Spec: spec}, nil
}
