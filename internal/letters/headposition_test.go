package letters

import "testing"

func TestHeadPositionJoinsTheInstitutionWithoutRepeatingWords(t *testing.T) {
	cases := []struct{ pos, inst, want string }{
		{"Kepala Dinas Kesehatan", "Dinas Kesehatan Kabupaten Ogan Komering Ilir", "Kepala Dinas Kesehatan Kabupaten Ogan Komering Ilir"},
		{"Kepala Dinas Kesehatan Kabupaten Ogan Komering Ilir", "Dinas Kesehatan Kabupaten Ogan Komering Ilir", "Kepala Dinas Kesehatan Kabupaten Ogan Komering Ilir"},
		{"Direktur Utama", "PT Bank Sumsel Babel", "Direktur Utama PT Bank Sumsel Babel"},
		{"Kepala", "Dinas Sosial", "Kepala Dinas Sosial"},
	}
	for _, c := range cases {
		if got := (Application{HeadPosition: c.pos, InstitutionName: c.inst}).headPosition(); got != c.want {
			t.Errorf("%q + %q = %q, want %q", c.pos, c.inst, got, c.want)
		}
	}
}
