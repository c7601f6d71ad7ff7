package kconfig

import (
	"fmt"
	"strings"
	"time"
)

// glibcRand reproduces glibc's rand()/srand() (the TYPE_3 additive feedback
// generator, r[i] = r[i-3] + r[i-31]), so that randconfig with a given
// KCONFIG_SEED picks the same values as conf built against glibc.
type glibcRand struct {
	r []uint32
}

func newGlibcRand(seed uint32) *glibcRand {
	g := &glibcRand{r: make([]uint32, 34, 1024)}
	s := int32(seed)
	if s == 0 {
		s = 1
	}
	g.r[0] = uint32(s)
	word := int64(s)
	for i := 1; i < 31; i++ {
		hi, lo := word/127773, word%127773
		word = 16807*lo - 2836*hi
		if word < 0 {
			word += 2147483647
		}
		g.r[i] = uint32(word)
	}
	for i := 31; i < 34; i++ {
		g.r[i] = g.r[i-31]
	}
	for i := 0; i < 310; i++ {
		g.next()
	}
	return g
}

func (g *glibcRand) next() uint32 {
	n := len(g.r)
	v := g.r[n-31] + g.r[n-3]
	g.r = append(g.r, v)
	if len(g.r) == cap(g.r) {
		g.r = append(make([]uint32, 0, 1024), g.r[len(g.r)-34:]...)
	}
	return v
}

// Int is rand(): 0 .. RAND_MAX (2^31-1).
func (g *glibcRand) Int() int { return int(g.next() >> 1) }

// setRandSeed is set_randconfig_seed.
func (c *Config) setRandSeed() {
	var seed uint32
	set := false
	if env, ok := c.getenv("KCONFIG_SEED"); ok && env != "" {
		v, tail, _ := cStrtoll(env, 0, false)
		if tail == "" {
			seed, set = uint32(v), true
		}
	}
	if !set {
		now := time.Now()
		seed = uint32((now.Unix() + 1) * int64(now.Nanosecond()/1000+1))
	}
	fmt.Fprintf(c.opts.Stdout, "KCONFIG_SEED=0x%X\n", seed)
	c.rand = newGlibcRand(seed)
}

// probabilities parses KCONFIG_PROBABILITY as conf_set_all_new_symbols does.
func (c *Config) probabilities() (pby, pty, ptm int, err error) {
	pby, pty, ptm = 50, 33, 33
	env, _ := c.getenv("KCONFIG_PROBABILITY")
	var p []int
	for env != "" {
		v, tail, _ := cStrtoll(env, 10, false)
		tmp := int(int64(v))
		if tmp < 0 || tmp > 100 {
			return 0, 0, 0, &Error{Msg: "KCONFIG_PROBABILITY: Numerical result out of range"}
		}
		p = append(p, tmp)
		if strings.HasPrefix(tail, ":") {
			env = tail[1:]
		} else {
			env = tail
		}
		if len(p) >= 3 {
			break
		}
	}
	switch len(p) {
	case 1:
		pby = p[0]
		ptm = pby / 2
		pty = pby - ptm
	case 2:
		pty, ptm = p[0], p[1]
		pby = pty + ptm
	case 3:
		pby, pty, ptm = p[0], p[1], p[2]
	}
	if pty+ptm > 100 {
		return 0, 0, 0, &Error{Msg: "KCONFIG_PROBABILITY: Numerical result out of range"}
	}
	return pby, pty, ptm, nil
}

// setAllRandom is conf_set_all_new_symbols(def_random).
func (c *Config) setAllRandom(pby, pty, ptm int) bool {
	changed := false
	c.allSymbols(func(s *Symbol) {
		if s.hasValue() || s.flags&flagValid != 0 {
			return
		}
		switch c.symType(s) {
		case TypeBool, TypeTristate:
			changed = true
			s.def[defUser].tri = No
			cnt := c.rand.Int() % 100
			if s.Type == TypeTristate {
				if cnt < pty {
					s.def[defUser].tri = Yes
				} else if cnt < pty+ptm {
					s.def[defUser].tri = Mod
				}
			} else if cnt < pby {
				s.def[defUser].tri = Yes
			}
			if !s.isChoice() {
				s.flags |= flagDefUser
			}
		}
	})
	c.clearAllValid()
	c.allSymbols(func(cs *Symbol) {
		if cs.hasValue() || !cs.isChoice() {
			return
		}
		c.calcValue(cs)
		if c.randomizeChoice(cs) {
			changed = true
		}
	})
	return changed
}

// randomizeChoice is randomize_choice_values.
func (c *Config) randomizeChoice(cs *Symbol) bool {
	if cs.curr.tri != Yes {
		return false
	}
	members := cs.choiceMembers()
	def := c.rand.Int() % len(members)
	for i, s := range members {
		if i == def {
			s.def[defUser].tri = Yes
			cs.def[defUser].valSym = s
		} else {
			s.def[defUser].tri = No
		}
		s.flags |= flagDefUser
		s.flags &^= flagValid
	}
	cs.flags |= flagDefUser
	cs.flags &^= flagValid
	return true
}
