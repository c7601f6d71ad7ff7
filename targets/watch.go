package targets

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kbuild-go/kbuild-go/dag"
)

// watchQuiet is how long the tree must stay quiet after a change before the rebuild starts: an editor's
// save is several events (write the temporary file, rename it over the old one, chmod).
const watchQuiet = 200 * time.Millisecond

// Watch is `kbuild-go watch [make args] [TARGET...]`: build, then rebuild whenever a file the graph reads
// changes, until ctx ends (Ctrl-C), which stops it cleanly. The directories of every source the last
// graph read (sources of its edges and the dependencies their records list, every makefile and .cmd
// file evaluation parsed) are watched with fsnotify, the set updated after each build; editor temporary
// and swap files are ignored, events are debounced, and each rebuild says how long it took from the
// save to the end of the build. A failed build is reported and watched again.
func Watch(ctx context.Context, req Request) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return &InputError{Err: fmt.Errorf("watch: %w", err)}
	}
	defer w.Close()
	var read watchSet
	req.onGraph = func(d *driver) { read = d.readSet() }
	watched := map[string]bool{}
	var saved time.Time
	for {
		read = watchSet{}
		err := build1(ctx, req)
		if ctx.Err() != nil {
			return nil
		}
		switch {
		case err != nil:
			fmt.Fprintf(req.Stderr, "kbuild-go: %v\n", err)
			fmt.Fprintf(req.Stderr, "kbuild-go: watch: the build failed; watching for changes\n")
		case !saved.IsZero():
			fmt.Fprintf(req.Stdout, "kbuild-go: watch: rebuilt in %.2fs from the save\n", time.Since(saved).Seconds())
		}
		if len(read.dirs) > 0 { // a build that failed before its graph keeps the last set
			for dir := range watched {
				if !read.dirs[dir] {
					w.Remove(dir)
					delete(watched, dir)
				}
			}
			for dir := range read.dirs {
				if !watched[dir] {
					if err := w.Add(dir); err == nil {
						watched[dir] = true
					}
				}
			}
		}
		if len(watched) == 0 {
			return &InputError{Err: fmt.Errorf("watch: nothing to watch")}
		}
		var changed string
		if changed = changedDuringBuild(w, read); changed != "" {
			saved = time.Now()
		} else if saved, changed, err = waitForChange(ctx, w, read); err != nil || ctx.Err() != nil {
			return err
		}
		fmt.Fprintf(req.Stdout, "kbuild-go: watch: %s changed\n", changed)
	}
}

// build1 is one build of a watch: Run without watching.
func build1(ctx context.Context, req Request) error {
	inv := *req.Invocation
	inv.Tool = ""
	req.Invocation = &inv
	return Run(ctx, req)
}

// watchSet is what a graph reads: the directories to watch, and the files in them that matter (anything
// new in a watched directory matters too: a new source a Kbuild file will name).
type watchSet struct {
	dirs    map[string]bool
	files   map[string]bool // the sources and makefiles it read
	outputs map[string]bool // files the graph makes: a build's own writes are not changes
}

// readSet collects the watch set of d's graph.
func (d *driver) readSet() watchSet {
	ws := watchSet{dirs: map[string]bool{}, files: map[string]bool{}, outputs: map[string]bool{}}
	add := func(p string) {
		if filepath.IsAbs(p) {
			ws.dirs[filepath.Dir(p)] = true
			ws.files[p] = true
		}
	}
	for _, e := range d.g.Edges() {
		for _, o := range e.Outputs {
			if !o.Phony() {
				ws.outputs[o.Path] = true
			}
		}
		for _, list := range [][]*dag.Node{e.Inputs, e.Implicit, e.OrderOnly, e.Deps()} {
			for _, n := range list {
				if !n.Phony() && n.Producer() == nil {
					add(n.Path)
				}
			}
		}
	}
	for _, f := range d.cache.Files() {
		if !strings.HasSuffix(f, ".cmd") {
			add(f)
		}
	}
	// The configuration is read through its own files (conf's, not the graph's).
	for dir := range ws.dirs {
		if _, err := os.Stat(dir); err != nil {
			delete(ws.dirs, dir)
		}
	}
	return ws
}

// changedDuringBuild drains the events that came while the build ran: most are the build's own writes
// (and files its recipes write beside their outputs), so only a change to a file the graph read counts.
// inotify's events reach the watcher a little after the writes, so it drains until the events have been
// quiet for a while.
func changedDuringBuild(w *fsnotify.Watcher, ws watchSet) string {
	changed := ""
	for {
		select {
		case ev := <-w.Events:
			if changed == "" && ev.Op != fsnotify.Chmod && ws.files[ev.Name] {
				changed = ev.Name
			}
		case <-time.After(100 * time.Millisecond):
			return changed
		}
	}
}

// waitForChange returns when a file that matters changed and the tree has been quiet for watchQuiet
// since: the time of the first change and its name. It returns at once when ctx ends.
func waitForChange(ctx context.Context, w *fsnotify.Watcher, ws watchSet) (time.Time, string, error) {
	var first time.Time
	var name string
	var quiet <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return time.Time{}, "", nil
		case err := <-w.Errors:
			return time.Time{}, "", &InputError{Err: fmt.Errorf("watch: %w", err)}
		case ev := <-w.Events:
			if !matters(ev, ws) {
				continue
			}
			if first.IsZero() {
				first, name = time.Now(), ev.Name
			}
			quiet = time.After(watchQuiet)
		case <-quiet:
			return first, name, nil
		}
	}
}

// matters reports whether an event is a change a rebuild is for: a file the graph read was written, or a
// file in a watched directory appeared, went or was renamed (a new source a Kbuild file may name); not a
// mode change, an editor's temporary, swap or backup file, or an output the build itself writes.
func matters(ev fsnotify.Event, ws watchSet) bool {
	if ev.Op == fsnotify.Chmod || ws.outputs[ev.Name] || editorFile(filepath.Base(ev.Name)) {
		return false
	}
	return ws.files[ev.Name] || ev.Op.Has(fsnotify.Create) || ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename)
}

// editorFile recognises the files editors write beside the one being saved: vim's .swp/.swx/.swo and its
// write test 4913, emacs' #name# and .#name, backups name~, and dot-temporaries (.name.tmp*, Kbuild's
// own .tmp_ files).
func editorFile(base string) bool {
	switch {
	case base == "4913", strings.HasSuffix(base, "~"),
		strings.HasPrefix(base, ".#"), strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasPrefix(base, ".tmp"), strings.HasPrefix(base, ".") && strings.Contains(base, ".tmp"):
		return true
	}
	switch filepath.Ext(base) {
	case ".swp", ".swx", ".swo", ".tmp", ".kate-swp":
		return true
	}
	return false
}
