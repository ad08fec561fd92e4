//go:build !linux

package server

import "errors"

// eventLoop is Linux's (epoll): elsewhere every client is served by its
// own goroutine.
type eventLoop struct{}

func newEventLoop(*Server) (*eventLoop, error) {
	return nil, errors.New("no event loop on this system")
}

func (*eventLoop) run()  {}
func (*eventLoop) stop() {}

func (*eventLoop) serve(*Client) (handoff, bool) { return handoff{}, false }
