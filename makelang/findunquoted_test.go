package makelang

import (
	"math/rand"
	"strings"
	"testing"
)

// findUnquotedRef is the byte-at-a-time definition findUnquoted is an optimisation of.
func findUnquotedRef(s string, stops string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '$' {
			i = skipRef(s, i) - 1
			continue
		}
		if strings.IndexByte(stops, c) >= 0 {
			if c == '#' && i > 0 && s[i-1] == '\\' {
				continue
			}
			return i
		}
	}
	return -1
}

func TestFindUnquotedMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	const alphabet = "ab #:=;$(){}\\ \t"
	for n := 0; n < 200000; n++ {
		b := make([]byte, r.Intn(24))
		for i := range b {
			b[i] = alphabet[r.Intn(len(alphabet))]
		}
		s := string(b)
		for _, stops := range []string{"#", ":", ":=;", "=#"} {
			if got, want := findUnquoted(s, stops), findUnquotedRef(s, stops); got != want {
				t.Fatalf("findUnquoted(%q, %q) = %d, want %d", s, stops, got, want)
			}
		}
	}
}
