package server

func cmdMulti(c *Client, argv [][]byte) {
	if c.multi != nil {
		c.errorReply(errNestedMulti)
		return
	}
	c.multi = &multiState{}
	c.reply.OK()
}

func cmdDiscard(c *Client, argv [][]byte) {
	if c.multi == nil {
		c.errorReply(errDiscardNoMulti)
		return
	}
	c.multi = nil
	c.srv.unwatchAll(c)
	c.reply.OK()
}

func cmdExec(c *Client, argv [][]byte) {
	s := c.srv
	m := c.multi
	if m == nil {
		c.errorReply(errExecNoMulti)
		return
	}
	c.multi = nil
	if m.aborted {
		s.unwatchAll(c)
		c.errorReply(errExecAbort)
		return
	}
	if c.dirtyCAS || s.watchedKeyExpired(c) {
		s.unwatchAll(c)
		c.reply.NullArray()
		return
	}
	s.unwatchAll(c)
	c.reply.Array(len(m.cmds))
	c.inExec = true
	for i, cmd := range m.cmds {
		s.call(c, cmd, m.argvs[i])
	}
	c.inExec = false
	if c.execLogged {
		c.execLogged = false
		s.propagate(c.db, [][]byte{[]byte("EXEC")})
	}
}

func cmdWatch(c *Client, argv [][]byte) {
	if c.multi != nil {
		c.errorReply(errWatchInMulti)
		return
	}
	s := c.srv
	now := s.clock.nowMs()
	for _, k := range argv[1:] {
		key := string(k)
		if c.isWatching(c.db, key) {
			continue
		}
		w := watchedKey{db: c.db, key: key}
		if e := c.db.keys.Find(k); e != nil && e.ExpireAt != 0 && e.ExpireAt <= now {
			w.expiredAtWatch = true
		}
		c.watched = append(c.watched, w)
		c.db.watchers[key] = append(c.db.watchers[key], c)
	}
	c.reply.OK()
}

func cmdUnwatch(c *Client, argv [][]byte) {
	c.srv.unwatchAll(c)
	c.reply.OK()
}

func (c *Client) isWatching(d *db, key string) bool {
	for _, w := range c.watched {
		if w.db == d && w.key == key {
			return true
		}
	}
	return false
}

// watchedKeyExpired reports whether a watched key that was alive at
// WATCH time has logically expired since, which aborts EXEC in Redis 7
// even before the key is removed.
func (s *Server) watchedKeyExpired(c *Client) bool {
	now := s.clock.nowMs()
	for _, w := range c.watched {
		if w.expiredAtWatch {
			continue
		}
		if e := w.db.keys.Find([]byte(w.key)); e != nil && e.ExpireAt != 0 && e.ExpireAt <= now {
			return true
		}
	}
	return false
}
