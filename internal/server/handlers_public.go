package server

import (
	"net/http"
	"strings"

	"github.com/hakakses/hakakses/internal/app"
	"github.com/hakakses/hakakses/internal/calendar"
	"github.com/hakakses/hakakses/internal/idfmt"
	"github.com/hakakses/hakakses/web"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz answers 200 only while the database answers (within its connect limit);
// otherwise 503 with Retry-After, so a load balancer sends traffic elsewhere.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.app.DB.Ping(r.Context()); err != nil {
		s.log.WarnContext(r.Context(), "readyz: database unreachable", "err", err)
		w.Header().Set("Retry-After", retryAfterSeconds)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	ts, err := s.app.ActiveTenants(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := web.Landing{Page: s.page(r, "Beranda")}
	for _, t := range ts {
		v.Tenants = append(v.Tenants, tenantView(t))
	}
	s.render(w, r, http.StatusOK, web.LandingView(v))
}

// serviceStandard is a tenant's public standar pelayanan, worded as the regencies publish it (docs/domain.md §6)
// word it, with the tenant's own names, time and complaint channels.
func (s *Server) serviceStandard(w http.ResponseWriter, r *http.Request) {
	t, _ := tenantFrom(r.Context())
	vt := tenantView(t)
	v := web.ServiceStandard{Page: s.page(r, "Standar Pelayanan Hak Akses"), T: vt, Steps: serviceSteps(vt), SLA: slaExplanation(t)}
	s.render(w, r, http.StatusOK, web.ServiceStandardView(v))
}

func tenantView(t app.Tenant) web.Tenant {
	short := strings.TrimPrefix(strings.TrimPrefix(t.Name, "Kabupaten "), "Kota ")
	zone := calendar.ZoneAbbr(t.TimeZone)
	return web.Tenant{
		Slug: t.Slug, Name: t.Name, Province: t.Province, Code: t.Code, TimeZoneLabel: zone,
		HeadTitle: t.HeadTitle, RegencyShort: short, ServiceSK: t.ServiceSK, ComplaintPhone: t.ComplaintPhone,
		LaporURL: t.LaporURL, Address: t.Address, Phone: t.Phone, Email: t.Email,
		OfficeHours: idfmt.Hours(t.OfficeOpen, t.OfficeClose, zone), SLATargetDays: t.SLATargetDays,
	}
}

// serviceSteps renders the published 11-item procedure (docs/domain.md §6) for one tenant.
func serviceSteps(t web.Tenant) []web.ServiceStep {
	head := t.HeadTitle + " " + t.RegencyShort
	office := "Dinas Kependudukan dan Pencatatan Sipil " + t.Name
	return []web.ServiceStep{
		{Number: 1, Text: "Pimpinan Pengguna mengajukan surat permohonan Pemanfaatan Data Kependudukan secara tertulis kepada " + head + " melalui Disdukcapil " + t.Name + "."},
		{Number: 2, Text: head + " melalui " + office + " meneruskan surat permohonan Pemanfaatan Data Kependudukan sebagaimana dimaksud pada angka 1 kepada Direktur Jenderal Kependudukan dan Pencatatan Sipil disertai dengan penjelasan yang paling sedikit memuat:",
			Items: []string{"nama Pengguna;", "tujuan pemanfaatan Data Kependudukan;", "elemen Data Kependudukan yang akan diakses;", "metode akses Data Kependudukan;", "data balikan yang akan diberikan; dan", "jangka waktu perjanjian kerja sama."}},
		{Number: 3, Text: "Dirjen Dukcapil atas nama Menteri memberikan persetujuan atau penolakan atas permohonan pemanfaatan Data Kependudukan sebagaimana dimaksud pada angka 2, dituangkan dalam bentuk surat."},
		{Number: 4, Text: "Persetujuan Dirjen Dukcapil sebagaimana dimaksud pada angka 3 ditindaklanjuti dengan:",
			Items: []string{
				"penyusunan Perjanjian Kerja Sama Pemanfaatan Data Kependudukan antara Disdukcapil " + t.Name + " dengan Lembaga Pengguna;",
				"penyusunan Petunjuk Teknis Perjanjian Kerja Sama Pemanfaatan Data Kependudukan antara Disdukcapil " + t.Name + " dengan Lembaga Pengguna;",
				"Lembaga Pengguna mengirimkan surat permohonan User ID dan IP LAN kepada Disdukcapil " + t.Name + ";",
				"Disdukcapil " + t.Name + " mengirimkan surat permohonan persetujuan Akses DWH (Data Warehouse) Terpusat bagi Lembaga Pengguna kepada Dirjen Dukcapil disertai salinan dokumen Perjanjian Kerja Sama, salinan dokumen Petunjuk Teknis, dan Surat Pernyataan Jaringan Tertutup dari Lembaga Pengguna.",
			}},
		{Number: 5, Text: "Dengan mengacu pada surat permohonan persetujuan Akses DWH sebagaimana dimaksud pada angka 4 huruf d, Dirjen Dukcapil menyetujui Akses DWH Terpusat melalui aplikasi DWH Terpusat bagi lembaga pengguna dan memberikan User ID data balikan daerah bagi Disdukcapil " + t.Name + "."},
		{Number: 6, Text: "Selanjutnya Disdukcapil " + t.Name + " memberikan User ID kepada Lembaga Pengguna."},
		{Number: 7, Text: "Penolakan sebagaimana dimaksud pada angka 3 dituangkan dalam bentuk surat."},
		{Number: 8, Text: "Perjanjian kerja sama sebagaimana dimaksud pada angka 4 huruf a paling sedikit memuat pengaturan maksud, tujuan, hak dan kewajiban, evaluasi dan pelaporan, jangka waktu, dan pembiayaan."},
		{Number: 9, Text: "Para pihak dilarang memberikan Data Kependudukan kepada pihak ketiga."},
		{Number: 10, Text: "Larangan menggunakan Data Kependudukan tidak sesuai dengan perjanjian kerja sama."},
		{Number: 11, Text: "Penandatanganan terhadap:",
			Items: []string{
				"Perjanjian kerja sama dilakukan oleh Kepala Disdukcapil " + t.Name + " dengan kepala perangkat daerah; dan",
				"Perjanjian kerja sama yang telah disepakati oleh kedua belah pihak ditandatangani oleh Kepala Disdukcapil " + t.Name + " dengan pimpinan Badan Hukum Indonesia yang memberikan pelayanan publik di tingkat kabupaten/kota dan tidak memiliki hubungan vertikal dengan Badan Hukum Indonesia di tingkat pusat dan tingkat provinsi.",
			}},
	}
}
