package app_test

import (
	"math"
	"testing"
	"time"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/workflow"
)

// surveyOf is the survey of an application (0 if none).
func (f *fixture) surveyOf(appID int64) int64 {
	f.t.Helper()
	var id int64
	if n := f.count(`SELECT count(*) FROM satisfaction_surveys WHERE application_id = $1`, appID); n == 0 {
		return 0
	}
	id = int64(f.count(`SELECT id::int FROM satisfaction_surveys WHERE application_id = $1`, appID))
	return id
}

func TestEndedApplicationInvitesTheLembagaToTheSurveyOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	other := f.secondInstance()
	draft := f.completeDraft()
	f.fire(f.lembaga, draft, app.Action{Event: workflow.Withdraw}) // never submitted: no survey
	id := f.completeDraft()
	f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
	f.remind(other)
	if f.surveyOf(id) != 0 {
		t.Fatal("a survey for an application still in progress")
	}
	f.fire(f.lembaga, id, app.Action{Event: workflow.Withdraw})
	f.remind(other)
	f.remind(other)
	f.expectTold("Survei Kepuasan Masyarakat: "+f.number(id), []int64{f.lembaga.UserID}, 1)
	if f.surveyOf(draft) != 0 || f.count(`SELECT count(*) FROM satisfaction_surveys`) != 1 {
		t.Fatalf("surveys: %d", f.count(`SELECT count(*) FROM satisfaction_surveys`))
	}
	sid := f.surveyOf(id)
	v, err := f.app.Survey(f.ctx, f.lembaga, sid)
	if err != nil || v.Answered || v.Number != f.number(id) || v.EndedState != "withdrawn" {
		t.Fatalf("survey = %+v, %v", v, err)
	}
	if _, err := f.app.Survey(f.ctx, f.petugas, sid); app.ErrorCode(err) != app.CodeNotFound {
		t.Errorf("petugas reading the lembaga's survey: %v", err)
	}
	err = f.app.AnswerSurvey(f.ctx, f.lembaga, sid, [9]int{4, 4, 0, 4, 4, 4, 4, 4, 5}, "")
	if e, ok := err.(*app.Error); !ok || e.Code != app.CodeInvalid || e.Fields["u3"] == "" || e.Fields["u9"] == "" || e.Fields["u1"] != "" {
		t.Fatalf("answers 0 and 5: %v", err)
	}
	if err := f.app.AnswerSurvey(f.ctx, f.lembaga, sid, [9]int{4, 4, 3, 4, 4, 4, 4, 4, 4}, "Cepat dan jelas."); err != nil {
		t.Fatal(err)
	}
	if err := f.app.AnswerSurvey(f.ctx, f.lembaga, sid, [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}, ""); app.ErrorCode(err) != app.CodeConflict {
		t.Errorf("answering twice: %v", err)
	}
	if v, _ := f.app.Survey(f.ctx, f.lembaga, sid); !v.Answered || v.Answers[2] != 3 || v.Suggestion != "Cepat dan jelas." {
		t.Errorf("after answering: %+v", v)
	}
}

// The same four respondents as internal/skm's hand computation: IKM 29/9 = 3.2222,
// × 25 = 80.56, mutu B, for the semester they answered in; the national index
// holds the same answers; another tenant has none.
func TestIKMPerSemesterEqualsTheHandComputation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	answers := [][9]int{
		{4, 3, 2, 4, 3, 3, 4, 2, 3},
		{3, 3, 3, 4, 3, 4, 4, 2, 3},
		{3, 2, 2, 4, 3, 3, 3, 3, 3},
		{4, 4, 3, 4, 3, 4, 4, 3, 4},
	}
	var ids []int64
	for range answers {
		id := f.completeDraft()
		f.fire(f.lembaga, id, app.Action{Event: workflow.Submit})
		f.fire(f.lembaga, id, app.Action{Event: workflow.Withdraw})
		ids = append(ids, id)
	}
	if _, err := f.app.SendReminders(f.ctx); err != nil {
		t.Fatal(err)
	}
	// One answer in the first semester of 2026 (March), three in the second (July):
	// local time decides (30 June 23:30 WIB is still the first semester).
	for i, id := range ids {
		if i == 0 {
			f.clock.Set(time.Date(2026, 6, 30, 23, 30, 0, 0, wib))
		} else {
			f.clock.Set(time.Date(2026, 7, 1, 9, 0, 0, 0, wib))
		}
		if err := f.app.AnswerSurvey(f.ctx, f.lembaga, f.surveyOf(id), answers[i], ""); err != nil {
			t.Fatal(err)
		}
	}
	// Second-semester answers only: respondents 2–4 by hand:
	//   sums U1..U9 = 10, 9, 8, 12, 9, 11, 11, 8, 10 → NRR /3; Σ NRR = 88/3; IKM = 88/27 = 3.2593; × 25 = 81.48 → B
	check := func(p app.Principal, who string) {
		t.Helper()
		idx, err := f.app.SatisfactionIndex(f.ctx, p)
		if err != nil || len(idx) != 2 {
			t.Fatalf("%s: index %+v, %v", who, idx, err)
		}
		s2, s1 := idx[0], idx[1]
		if s2.Year != 2026 || s2.Semester != 2 || s2.Respondents != 3 || math.Abs(s2.IKM-88.0/27) > 1e-9 ||
			math.Abs(s2.Value-88.0/27*25) > 1e-9 || s2.Grade != "B" {
			t.Errorf("%s: 2026 semester 2 = %+v, want IKM 3.2593 (81.48, B) of 3", who, s2)
		}
		// Respondent 1 alone: Σ = 28 → IKM 28/9 = 3.1111, × 25 = 77.78 → B
		if s1.Year != 2026 || s1.Semester != 1 || s1.Respondents != 1 || math.Abs(s1.Value-28.0/9*25) > 1e-9 || s1.Grade != "B" {
			t.Errorf("%s: 2026 semester 1 = %+v, want 77.78 (B) of 1", who, s1)
		}
	}
	check(f.kepala, "kepala")
	check(f.dirjen, "dirjen")
	if _, err := f.app.SatisfactionIndex(f.ctx, f.lembaga); app.ErrorCode(err) != app.CodeForbidden {
		t.Errorf("lembaga reading the index: %v", err)
	}
	_, okuKepala := f.onboardOKU()
	if idx, err := f.app.SatisfactionIndex(f.ctx, okuKepala); err != nil || len(idx) != 0 {
		t.Errorf("another tenant's index: %+v, %v", idx, err)
	}
}
