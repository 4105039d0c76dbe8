package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hakakses/hakakses/internal/letters"
)

func TestOnlyIncompleteDataIsAUserFacingGenerationError(t *testing.T) {
	inc := &letters.IncompleteError{Document: "surat pengantar", Missing: []string{"alamat kantor"}}
	for _, err := range []error{inc, fmt.Errorf("forwarding letter: %w", inc), fmt.Errorf("juknis: %w", letters.ErrIncomplete)} {
		var e *Error
		if got := generationError(err); !errors.As(got, &e) || e.Code != CodeInvalid || !errors.Is(got, letters.ErrIncomplete) {
			t.Errorf("generationError(%v) = %v, want an invalid error the user can act on", err, got)
		}
	}
	if e := generationError(inc); ErrorCode(e) != CodeInvalid || !strings.Contains(e.Error(), "alamat kantor") {
		t.Errorf("the missing items are not named: %v", e)
	}
	// A failure of the generator itself is the system's: it stays an internal
	// error (500), never a 422 with its English text shown to the user.
	cause := errors.New("gofpdf: font not found")
	if got := generationError(cause); got != cause || ErrorCode(got) != "" {
		t.Errorf("generationError(%v) = %v, want it returned as is", cause, got)
	}
}
