package app

import (
	"strconv"

	"github.com/hakakses/hakakses/internal/store"
	"github.com/hakakses/hakakses/internal/workflow"
)

// RecordDataBalikan: the lembaga records one delivery of data balikan to the
// Ditjen (Pasal 38 as amended by Permendagri 17/2023); staff see who is behind.
var _ = define(actionDef{
	Event: workflow.RecordDataBalikan,
	Help:  "Data balikan disampaikan kepada Ditjen Dukcapil melalui aplikasi Data Balikan; catat setiap penyerahan.",
	Fields: []Field{
		{Name: "period_start", Key: "delivery.period", Kind: KindDate, Label: "Periode dari", Required: true},
		{Name: "period_end", Key: "delivery.period", Kind: KindDate, Label: "Periode sampai", Required: true},
		{Name: "channel", Key: "delivery.channel", Kind: KindChoice, Label: "Saluran", Choices: channelChoices()},
		{Name: "records", Key: "delivery.records", Kind: KindNumber, Label: "Jumlah data (baris NIK)", Limit: 9},
	},
	History: []HistoryDetail{{"periode", "Periode"}, {"saluran", "Saluran"}, {"jumlah", "Jumlah data"}},
	facts: func(c *fireCtx, f *workflow.Facts) error {
		n, err := strconv.Atoi(c.in.Text("records"))
		if err != nil {
			n = -1
		}
		f.Delivery = workflow.DataBalikanDelivery{PeriodStart: c.in.Date("period_start"), PeriodEnd: c.in.Date("period_end"),
			Channel: c.in.Text("channel"), Records: n}
		return nil
	},
	effect: func(c *fireCtx) error {
		d := c.facts.Delivery
		c.record("periode", d.PeriodStart.Format("2006-01-02")+" s.d. "+d.PeriodEnd.Format("2006-01-02"))
		c.record("saluran", workflow.ChannelLabel(d.Channel))
		c.record("jumlah", d.Records)
		return store.InsertDelivery(c.ctx, c.tx, c.ap.TenantID, c.ap.ID, store.Delivery{PeriodStart: d.PeriodStart, PeriodEnd: d.PeriodEnd,
			Channel: d.Channel, Records: d.Records}, c.p.UserID, c.now)
	},
	Notice: notice{
		to:   []audience{toStaff},
		what: "Lembaga mencatat penyerahan data balikan untuk {app}.",
		next: map[audience]string{anyone: "tidak ada tindakan lanjutan."},
	},
})

func channelChoices() []Choice {
	var out []Choice
	for _, c := range workflow.DataBalikanChannels {
		out = append(out, Choice{Value: c, Label: workflow.ChannelLabel(c)})
	}
	return out
}
