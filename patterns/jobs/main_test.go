package jobs

import (
	"testing"

	"go.uber.org/goleak"
)

// Workers, examples included, must stop every goroutine they start.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
