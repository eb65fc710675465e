package id.simpul.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic {@code receiveNIB} pushes in the shape of PIA 4.3.22: Indonesian names with
 * titles, NIK consistent with birth date and sex, NPWP in both forms, addresses in Banyuasin and
 * Palembang, permits routed to the region. Deterministic for a seed, so tests and benchmarks can
 * replay the same traffic; a generator resumed at the {@link #position()} of another goes on exactly
 * as that one would have (the simulator after a restart of the hub).
 */
public final class OssPayloadGenerator {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter ID_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final List<String> MALE = List.of("Muhammad Rizki", "Ahmad Fauzi", "Budi Santoso", "Agus Salim",
            "Hendra Wijaya", "Dedi Kurniawan", "Rudi Hartono", "Joko Susilo", "Andi Pratama", "Fajar Nugroho",
            "Mochammad Iqbal", "Syahrial", "Zulkifli", "Darmawan", "Kgs. Abdul Rahman", "Mgs. Husin", "Yusuf Maulana",
            "Teguh Prasetyo", "Rahmat Hidayat", "Arif Budiman");
    private static final List<String> FEMALE = List.of("Siti Aminah", "Dewi Lestari", "Sri Wahyuni", "Nur Aisyah",
            "Rina Marlina", "Yuliana", "Fitri Handayani", "Nyimas Sari", "Nyayu Fatimah", "Ratna Sari", "Indah Permata",
            "Hj. Rohana", "Lina Marlina", "Wulan Dari", "Putri Ayu");
    private static final List<String> TITLES_BEFORE = List.of("", "", "", "", "H. ", "Ir. ", "Drs. ", "dr. ");
    private static final List<String> TITLES_AFTER = List.of("", "", "", "", ", S.E.", ", S.H.", ", S.Pd.", ", S.T.", ", M.M.");
    private static final List<String> BUSINESS_WORDS = List.of("Sriwijaya", "Musi", "Banyuasin", "Sumber Rejeki",
            "Maju Jaya", "Karya Mandiri", "Ampera", "Bumi Sejahtera", "Sinar Harapan", "Tunas Baru", "Mitra Abadi",
            "Sentosa", "Berkah", "Lestari", "Palem Raya");
    private static final List<String> BUSINESS_KIND = List.of("Niaga", "Konstruksi", "Agro", "Pangan", "Logistik",
            "Sawit", "Karet", "Teknik", "Properti");
    /** jenis_perseroan (PIA Lampiran 2) and the way the name is usually written. */
    private static final List<String[]> FORMS = List.of(new String[] {"01", "PT "}, new String[] {"01", "PT. "},
            new String[] {"02", "CV "}, new String[] {"02", "CV. "}, new String[] {"07", "Koperasi "},
            new String[] {"17", ""}, new String[] {"17", ""}, new String[] {"26", "PT "});
    private static final List<String[]> DISTRICTS_1607 = List.of(new String[] {"160701", "Banyuasin I"},
            new String[] {"160702", "Banyuasin II"}, new String[] {"160703", "Banyuasin III"},
            new String[] {"160704", "Betung"}, new String[] {"160705", "Makarti Jaya"},
            new String[] {"160706", "Muara Padang"}, new String[] {"160707", "Muara Telang"},
            new String[] {"160708", "Pulau Rimau"}, new String[] {"160709", "Rambutan"},
            new String[] {"160710", "Rantau Bayur"}, new String[] {"160711", "Talang Kelapa"},
            new String[] {"160712", "Tanjung Lago"}, new String[] {"160713", "Suak Tapeh"},
            new String[] {"160714", "Sembawa"});
    private static final List<String[]> DISTRICTS_1671 = List.of(new String[] {"167101", "Ilir Barat II"},
            new String[] {"167102", "Seberang Ulu I"}, new String[] {"167103", "Seberang Ulu II"},
            new String[] {"167104", "Ilir Barat I"}, new String[] {"167105", "Ilir Timur I"},
            new String[] {"167106", "Ilir Timur II"}, new String[] {"167107", "Sukarami"},
            new String[] {"167108", "Sako"}, new String[] {"167109", "Kemuning"}, new String[] {"167110", "Kalidoni"},
            new String[] {"167111", "Bukit Kecil"}, new String[] {"167112", "Gandus"},
            new String[] {"167113", "Kertapati"}, new String[] {"167114", "Plaju"});
    private static final List<String> VILLAGES = List.of("Sukamaju", "Sido Mulyo", "Talang Betutu", "Sungai Rengit",
            "Tanjung Laut", "Lalan", "Mekar Sari", "Sukarela", "Kenten", "Bukit Lama", "Srimulya", "Air Batu");
    private static final List<String> STREETS = List.of("Jl. Palembang-Betung Km. ", "Jalan Merdeka No. ",
            "Jl. Jend. Sudirman No. ", "Jln. Kol. H. Barlian No. ", "Jl. Demang Lebar Daun No. ",
            "Jl. Veteran No. ", "Gg. Mawar No. ", "Jl. Lintas Timur Km. ");
    /** kd_izin, nama_izin, KBLI, risk level (skala_resiko). */
    private static final List<String[]> PERMITS = List.of(
            new String[] {"011000000001", "Persetujuan Bangunan Gedung", "41011", "MT"},
            new String[] {"011000000002", "Sertifikat Laik Fungsi", "41011", "MT"},
            new String[] {"021000000011", "Izin Usaha Toko Swalayan", "47111", "MR"},
            new String[] {"031000000021", "Sertifikat Standar Usaha Restoran", "56101", "MR"},
            new String[] {"041000000031", "Izin Praktik Bidan", "86902", "T"},
            new String[] {"051000000041", "Tanda Daftar Usaha Pariwisata", "55110", "R"},
            new String[] {"061000000051", "Izin Penyelenggaraan Reklame", "73100", "R"},
            new String[] {"071000000061", "Izin Usaha Perkebunan", "01262", "T"});
    private static final List<String> SCALES = List.of("01", "01", "01", "02", "02", "03", "04");

    private final long seed;
    private final ResumableRandom random;
    private final List<String> regionPrefixes;
    private long sequence;

    public OssPayloadGenerator(long seed, List<String> regionPrefixes) {
        this.seed = seed;
        this.random = new ResumableRandom(seed);
        this.regionPrefixes = List.copyOf(regionPrefixes);
    }

    /** Where a generator stands: its seed, how many pushes it generated, its random stream's state. */
    public record Position(long seed, long sequence, long random) {
    }

    public synchronized Position position() {
        return new Position(seed, sequence, random.state());
    }

    /**
     * Goes on from a position of a generator with the same seed; a position of another seed (the seed
     * was changed) is not taken, and false is returned.
     */
    public synchronized boolean resume(Position position) {
        if (position.seed() != seed) {
            return false;
        }
        sequence = position.sequence();
        random.state(position.random());
        return true;
    }

    /** One push: a business, its responsible person, one project and one or two checklist entries. */
    public synchronized ObjectNode nextReceiveNib(LocalDateTime now) {
        sequence++;
        String prefix = pick(regionPrefixes);
        String[] district = pick(prefix.startsWith("1671") ? DISTRICTS_1671 : DISTRICTS_1607);
        String regionCode = district[0] + String.format("%04d", 2001 + random.nextInt(20));
        if (!regionCode.startsWith(prefix)) {
            // A region added by configuration (a third regency): its prefix over a Banyuasin-shaped code, so
            // OSS routes the permit to the target that serves it. Names stay Banyuasin's; the codes are right.
            regionCode = prefix + regionCode.substring(Math.min(prefix.length(), regionCode.length()));
            district = new String[] {regionCode.substring(0, 6), district[1]};
        }
        String[] form = pick(FORMS);
        boolean female = random.nextInt(3) == 0;
        String person = pick(TITLES_BEFORE) + pick(female ? FEMALE : MALE) + pick(TITLES_AFTER);
        LocalDate birth = LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String nik = district[0] + String.format("%02d%02d%02d", birth.getDayOfMonth() + (female ? 40 : 0),
                birth.getMonthValue(), birth.getYear() % 100) + String.format("%04d", 1 + random.nextInt(9999));
        String businessName = form[1].isEmpty() ? "Usaha " + person.replaceAll(",.*", "")
                : form[1] + pick(BUSINESS_WORDS) + " " + pick(BUSINESS_KIND);
        String nib = String.format("%013d", Math.floorMod(random.nextLong(), 10_000_000_000_000L));
        String ts = ID_TS.format(now);
        String address = pick(STREETS) + (1 + random.nextInt(120));
        String[] permit = pick(PERMITS);
        String idIzin = "I-" + ts + String.format("%09d", Math.floorMod(random.nextInt(), 1_000_000_000));
        String idProyek = "R-" + ts + String.format("%09d", Math.floorMod(random.nextInt(), 1_000_000_000));
        String npwp15 = String.format("%015d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000L));
        String npwp = random.nextBoolean() ? npwp15
                : npwp15.substring(0, 2) + "." + npwp15.substring(2, 5) + "." + npwp15.substring(5, 8) + "."
                + npwp15.charAt(8) + "-" + npwp15.substring(9, 12) + "." + npwp15.substring(12);
        String phone = pick(List.of("0812", "0813", "0821", "0852", "+62811", "62877")) + (1000000 + random.nextInt(8999999));

        ObjectNode d = F.objectNode();
        d.put("nib", nib);
        d.put("tgl_pengajuan_nib", now.toLocalDate().minusDays(random.nextInt(30)).toString());
        d.put("tgl_terbit_nib", now.toLocalDate().toString());
        d.put("tgl_perubahan_nib", "");
        d.put("oss_id", "P-" + ts + String.format("%07d", sequence % 10_000_000));
        d.put("id_izin", idIzin);
        d.put("kd_izin", permit[0]);
        d.put("kd_daerah", regionCode);
        d.put("kewenangan", "02");
        // PIA Lampiran 18: 01 Badan Usaha, 02 Perseorangan.
        d.put("jenis_pelaku_usaha", form[0].equals("17") ? "02" : "01");
        d.put("flag_perusahaan", "Y");
        d.put("flag_umk", random.nextBoolean() ? "Y" : "N");
        d.put("versi_pia", "4.3.22");
        d.put("status_penanaman_modal", "02");
        d.put("npwp_perseroan", npwp);
        d.put("nama_perseroan", businessName.toUpperCase());
        d.put("jenis_perseroan", form[0]);
        d.put("status_perseroan", "N");
        d.put("alamat_perseroan", address);
        d.put("rt_rw_perseroan", String.format("%03d/%03d", 1 + random.nextInt(20), 1 + random.nextInt(9)));
        d.put("kelurahan_perseroan", pick(VILLAGES));
        d.put("perseroan_daerah_id", regionCode);
        d.put("kode_pos_perseroan", prefix.startsWith("1671") ? "30" + (111 + random.nextInt(860)) : "30" + (911 + random.nextInt(80)));
        d.put("nomor_telpon_perseroan", phone);
        d.put("email_perusahaan", slug(businessName) + "@mail.co.id");
        d.put("total_modal_dasar", 50_000_000L * (1 + random.nextInt(40)));
        // As in the PIA's receiveNIB example; inqueryNIB does not return it.
        d.put("flag_perubahan_data_teknis", "N");
        d.put("skala_usaha", pick(SCALES));
        d.put("status_nib", "01");
        // The PIA's own example carries this key with a trailing space; real senders copy it.
        d.put("tipe_dokumen ", "9");
        d.put("jns_kelamin_user_proses", female ? "P" : "L");
        d.put("tempat_lahir_user_proses", pick(List.of("Palembang", "Pangkalan Balai", "Betung", "Prabumulih", "Lahat")));
        d.put("tgl_lahir_user_proses", birth.toString());
        d.put("nama_user_proses", person);
        d.put("no_id_user_proses", nik);
        d.put("jenis_id_user_proses", "01");

        ArrayNode pj = d.putArray("penanggung_jwb");
        pj.addObject()
                .put("flag_asing", "N")
                .put("jns_identitas_penanggung_jwb", "01")
                .put("no_identitas_penanggung_jwb", nik)
                .put("nama_penanggung_jwb", person)
                .put("jabatan_penanggung_jwb", form[0].equals("17") ? "Pemilik" : "Direktur")
                .put("kebangsaan_penanggung_jwb", "01")
                .put("npwp_penanggung_jwb", npwp15)
                .put("alamat_penanggung_jwb", address)
                .put("rt_rw_penanggung_jwb", "RT 0" + (1 + random.nextInt(9)) + " RW 0" + (1 + random.nextInt(5)))
                .put("kelurahan_penanggung_jwb", pick(VILLAGES))
                .put("daerah_id_penanggung_jwb", regionCode)
                .put("no_hp_penanggung_jwb", phone)
                .put("email_penanggung_jwb", slug(person) + "@gmail.com");

        ArrayNode proyek = d.putArray("data_proyek");
        ObjectNode p = proyek.addObject()
                .put("id_proyek", idProyek)
                .put("uraian_usaha", permit[1])
                .put("kbli", permit[2])
                .put("skala_usaha", pick(SCALES))
                .put("skala_resiko", permit[3])
                .put("jumlah_investasi", 10_000_000L * (1 + random.nextInt(500)));
        // One product, with the halal/SNI fields of the PIA's receiveNIB example (inqueryNIB does not return them).
        p.putArray("data_proyek_produk").addObject()
                .put("id_produk", idProyek + "-P1")
                .put("id_proyek", idProyek)
                .put("kbli", permit[2])
                .put("jenis_produksi", permit[1])
                .put("flag_memiliki_halal", "N")
                .put("flag_memiliki_sni", "N")
                .put("flag_self_declare", "N")
                .put("tipe_cakupan", "01");
        p.putArray("data_lokasi_proyek").addObject()
                .put("id_proyek_lokasi", idProyek + "-1")
                .put("proyek_daerah_id", regionCode)
                .put("alamat_usaha", pick(STREETS) + (1 + random.nextInt(200)) + ", " + district[1]);

        ArrayNode checklist = d.putArray("data_checklist");
        ObjectNode c = checklist.addObject()
                .put("id_proyek", idProyek)
                .put("id_izin", idIzin)
                .put("jenis_izin", "01")
                .put("kd_izin", permit[0])
                .put("kd_daerah", regionCode)
                .put("nama_izin", permit[1])
                .put("instansi", prefix.startsWith("1671") ? "DPMPTSP Kota Palembang"
                        : prefix.startsWith("1607") ? "DPMPTSP Kabupaten Banyuasin" : "DPMPTSP " + regionCode.substring(0, 4))
                .put("kewenangan", "02")
                .put("flag_checklist", "N");
        c.putArray("data_persyaratan").addObject()
                .put("id_syarat", "S" + (100 + random.nextInt(900)))
                .put("no_dokumen", "DOC/" + now.getYear() + "/" + (1000 + random.nextInt(9000)))
                .put("tgl_dokumen", now.toLocalDate().toString())
                .put("file_dokumen", "https://oss.go.id/file/" + idIzin + "/syarat.pdf");
        if (random.nextInt(4) == 0) {
            // A permit handled by a ministry: context only for the region.
            checklist.addObject()
                    .put("id_izin", "I-" + ts + String.format("%09d", Math.floorMod(random.nextInt(), 1_000_000_000)))
                    .put("kd_izin", "099000000001")
                    .put("kd_daerah", "3171000000")
                    .put("nama_izin", "Sertifikat Standar Kementerian")
                    .put("kewenangan", "00");
        }
        ObjectNode root = F.objectNode();
        root.set("dataNIB", d);
        return root;
    }

    /**
     * {@link Random}'s own generator (the same numbers for a seed), whose state can be read and set:
     * {@code Random} hides it, and replaying every earlier push to get there grows with the hub's age.
     */
    static final class ResumableRandom extends Random {
        private static final long MULTIPLIER = 0x5DEECE66DL;
        private static final long ADDEND = 0xBL;
        private static final long MASK = (1L << 48) - 1;
        private long state;

        ResumableRandom(long seed) {
            super(seed);
        }

        // Also called by Random's constructor, before this class's fields are initialised (state has no initialiser).
        @Override
        public synchronized void setSeed(long seed) {
            state = (seed ^ MULTIPLIER) & MASK;
        }

        @Override
        protected synchronized int next(int bits) {
            state = (state * MULTIPLIER + ADDEND) & MASK;
            return (int) (state >>> (48 - bits));
        }

        synchronized long state() {
            return state;
        }

        synchronized void state(long state) {
            this.state = state & MASK;
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String slug(String s) {
        return s.toLowerCase().replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "");
    }
}
