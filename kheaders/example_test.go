package kheaders_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kbuild-go/kbuild-go/kheaders"
)

// A search for a Debian kernel's headers under a fake root that has none: the result code names the
// outcome for telemetry, and the error says what was looked at.
func ExampleFind() {
	root, _ := os.MkdirTemp("", "kheaders-example")
	defer os.RemoveAll(root)
	res, err := kheaders.Find(context.Background(), kheaders.Options{
		Release:     "6.1.0-57-amd64",
		VersionCode: kheaders.KernelVersion(6, 1, 192), // not 6.1.0: Debian's release string hides it
		Arch:        "x86",
		DebArch:     "amd64",
		Root:        root,
		CacheDir:    filepath.Join(root, "cache"),
	})
	fmt.Println(res.Fetch, errors.Is(err, kheaders.ErrNotFound))
	// Output: not_found_download_disabled true
}
