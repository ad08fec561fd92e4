package datastruct

import "errors"

var (
	// ErrWrongType means the key holds a value of another type.
	ErrWrongType = errors.New("wrong type")
	// ErrNotInteger means a value or argument is not a 64-bit integer.
	ErrNotInteger = errors.New("not an integer")
	// ErrNotFloat means a value or argument is not a valid float.
	ErrNotFloat = errors.New("not a float")
	// ErrOverflow means an increment would leave the int64 range.
	ErrOverflow = errors.New("overflow")
	// ErrNaNOrInf means a float increment would produce NaN or infinity.
	ErrNaNOrInf = errors.New("nan or infinity")
	// ErrTooLong means a string would exceed proto-max-bulk-len.
	ErrTooLong = errors.New("string too long")
)

var (
	// ErrMinMaxNotFloat means a score range bound is not a float.
	ErrMinMaxNotFloat = errors.New("min or max is not a float")
	// ErrMinMaxNotLex means a lexical range bound is not valid.
	ErrMinMaxNotLex = errors.New("min or max not valid string range item")
)
