package server

import (
	"errors"

	"github.com/miniserve-dev/miniserve/datastruct"
)

// Redis's error replies, word for word. Handlers use these rather than
// writing their own, so a reply can be compared byte for byte.
const (
	errSyntax          = "ERR syntax error"
	errCrossSlot       = "CROSSSLOT Keys in request don't hash to the same slot"
	errClusterDisabled = "ERR This instance has cluster support disabled"
	errNoClusterScript = "ERR Can not run script on cluster, 'no-cluster' flag is set."
	errWrongType       = "WRONGTYPE Operation against a key holding the wrong kind of value"
	errNotInteger      = "ERR value is not an integer or out of range"
	errNotFloat        = "ERR value is not a valid float"
	errOverflow        = "ERR increment or decrement would overflow"
	errNoSuchKey       = "ERR no such key"
	errNoAuth          = "NOAUTH Authentication required."
	errWrongPass       = "WRONGPASS invalid username-password pair or user is disabled."
	errOOM             = "OOM command not allowed when used memory > 'maxmemory'."
	errDBIndex         = "ERR DB index is out of range"
	errInvalidDBIndex  = "ERR invalid DB index"
	errExecAbort       = "EXECABORT Transaction discarded because of previous errors."
	errNestedMulti     = "ERR MULTI calls can not be nested"
	errExecNoMulti     = "ERR EXEC without MULTI"
	errDiscardNoMulti  = "ERR DISCARD without MULTI"
	errWatchInMulti    = "ERR WATCH inside MULTI is not allowed"
	errStringTooLong   = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"
	errNoPass          = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	errSameObject      = "ERR source and destination objects are the same"
	errIncrFloatNaN    = "ERR increment would produce NaN or Infinity"
	errTimeoutNegative = "ERR timeout is negative"
	errProtoPrefix     = "ERR Protocol error: "
)

// errorReply maps datastruct's sentinel errors to Redis's replies. It is
// the only place that does.
func errorReply(err error) string {
	switch {
	case errors.Is(err, datastruct.ErrWrongType):
		return errWrongType
	case errors.Is(err, datastruct.ErrNotInteger):
		return errNotInteger
	case errors.Is(err, datastruct.ErrNotFloat):
		return errNotFloat
	case errors.Is(err, datastruct.ErrOverflow):
		return errOverflow
	case errors.Is(err, datastruct.ErrNaNOrInf):
		return errIncrFloatNaN
	case errors.Is(err, datastruct.ErrTooLong):
		return errStringTooLong
	}
	return "ERR " + err.Error()
}
