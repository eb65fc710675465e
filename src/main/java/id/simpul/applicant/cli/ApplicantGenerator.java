package id.simpul.applicant.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Labelled synthetic applicants with the noise real Indonesian sources show: titles and degrees, salutations,
 * Palembang titles, bin/binti, Muhammad in many spellings, pre-1972 spelling, typos, case and spacing; NIK
 * missing or mistyped, NPWP in 15 or 16 digits, phones as 0…/62…/+62…, addresses written many ways. Hard
 * negatives are built in: very common names with other NIKs and birth dates, households at one address
 * (shared phone, a wife under her husband's NPWP), fathers and sons of one name, look-alike companies.
 * The same seed gives the same data; the truth (sourceRef → entity) is written beside the records.
 */
public final class ApplicantGenerator {

    private static final String[] MALE = {"Agus", "Budi", "Eko", "Joko", "Slamet", "Bambang", "Hendra", "Rizki", "Andi",
            "Dedi", "Hadi", "Iwan", "Yusuf", "Ahmad", "Abdul", "Rahmat", "Fajar", "Arif", "Dimas", "Rudi", "Sutrisno",
            "Suharto", "Wahyu", "Teguh", "Yudi", "Imam", "Ilham", "Irfan", "Taufik", "Zainal", "Syaiful", "Khairul",
            "Hasan", "Husein", "Ridwan", "Firman", "Darmawan", "Gunawan", "Hermanto", "Sukarno", "Cahyo", "Junaidi",
            "Syahrial", "Nyoman", "Kurniawan", "Aditya", "Bayu", "Reza", "Doni", "Fikri", "Hafiz", "Ismail", "Jamal",
            "Kamal", "Lukman", "Mulyadi", "Nasrul", "Rosyid", "Sofyan", "Umar", "Usman", "Yahya", "Zulkifli", "Anwar",
            "Chairul", "Jumadi", "Suyanto", "Purnomo", "Sugeng", "Heru", "Tri", "Dwi", "Edi", "Feri", "Jafar"};
    private static final String[] FEMALE = {"Siti", "Sri", "Dewi", "Nur", "Ratna", "Wati", "Aminah", "Fatimah", "Aisyah",
            "Yuliani", "Rina", "Lestari", "Wahyuni", "Indah", "Putri", "Rahmawati", "Kartika", "Maya", "Nurul", "Fitri",
            "Yanti", "Suryani", "Handayani", "Rohani", "Zubaidah", "Khadijah", "Mariam", "Juwita", "Cahaya", "Nyimas",
            "Komariah", "Hasanah", "Mulyani", "Susanti", "Rosmawati", "Safitri", "Anisa", "Nabila", "Zahra", "Laila",
            "Halimah", "Salamah", "Rusmini", "Endang", "Ningsih", "Purwati", "Sulastri", "Utami", "Wulandari", "Yulia"};
    private static final String[] LAST = {"Santoso", "Wijaya", "Saputra", "Hidayat", "Setiawan", "Pratama", "Kurniawan",
            "Nugroho", "Susanto", "Siregar", "Nasution", "Harahap", "Lubis", "Hakim", "Rahman", "Hamzah", "Syahputra",
            "Firmansyah", "Ramadhan", "Hasibuan", "Sitompul", "Prasetyo", "Wibowo", "Hartono", "Suryadi", "Efendi",
            "Ismail", "Yusuf", "Fauzi", "Mahendra", "Purba", "Sinaga", "Daulay", "Gultom", "Pane", "Tanjung", "Sembiring",
            "Simanjuntak", "Anggraini", "Puspita", "Novita", "Ningrum", "Sari", "Astuti", "Permata", "Maharani", "Soleh",
            "Junaedi", "Subagyo", "Sudirman", "Cokro", "Jayadi", "Syamsuddin", "Zakaria", "Alamsyah", "Bakri", "Rasyid"};
    private static final String[][] COMMON = {{"Muhammad", "Rizki"}, {"Siti", "Aminah"}, {"Agus", "Setiawan"},
            {"Sri", "Wahyuni"}, {"Dewi", "Lestari"}, {"Budi", "Santoso"}, {"Eko", "Prasetyo"}, {"Nur", "Hidayah"},
            {"Ahmad", "Fauzi"}, {"Muhammad", "Ilham"}, {"Siti", "Nurhaliza"}, {"Andi", "Saputra"}};
    private static final String[] MUHAMMAD = {"Muhammad", "Muhamad", "Mohammad", "Mohamad", "Mochammad", "Mochamad",
            "Muhammat", "Mohammed", "Muhammed", "M.", "M", "Moh.", "Muh.", "Mhd.", "Moch.", "Mukhammad", "Muchammad",
            "Mohd.", "MUHAMMAD", "Muhamad"};
    private static final String[] PREFIX_TITLES = {"H.", "Ir.", "Dr.", "Drs.", "Prof. Dr.", "dr.", "H. Ir."};
    private static final String[] FEMALE_TITLES = {"Hj.", "Dra.", "Dr.", "dr.", "Hj. Dra."};
    private static final String[] DEGREES = {"S.E.", "S.H.", "S.Pd.", "S.Kom.", "S.T.", "S.Sos.", "A.Md.", "M.Si.",
            "M.M.", "M.Kes.", "S.E., M.M.", "S.H., M.H.", "S.Pd.I", "SE", "S.Ag."};
    private static final String[] SALUTE_M = {"Bapak", "Bpk.", "Tn.", "Sdr.", "Bp."};
    private static final String[] SALUTE_F = {"Ibu", "Ny.", "Sdri.", "Bu"};
    private static final String[][] PALEMBANG_M = {{"Kgs.", "Kemas", "KGS"}, {"Mgs.", "Masagus", "MGS."}, {"R.", "Raden", "Rd."}};
    private static final String[][] PALEMBANG_F = {{"Nyayu", "Nyy."}, {"Nyimas", "Nys."}, {"R.A.", "Raden Ayu"}};

    private record Region(String province, String provinceCode, String regency, String code, String[] districts) {
    }

    private static final Region[] REGIONS = {
            new Region("Sumatera Selatan", "16", "Kota Palembang", "1671", new String[] {"Ilir Barat I", "Ilir Timur I", "Seberang Ulu I", "Kemuning", "Sukarami", "Kalidoni"}),
            new Region("Sumatera Selatan", "16", "Kabupaten Banyuasin", "1607", new String[] {"Talang Kelapa", "Banyuasin III", "Rambutan", "Muara Telang", "Betung"}),
            new Region("Sumatera Selatan", "16", "Kabupaten Ogan Ilir", "1610", new String[] {"Indralaya", "Tanjung Batu", "Pemulutan"}),
            new Region("Sumatera Selatan", "16", "Kabupaten Muara Enim", "1603", new String[] {"Muara Enim", "Lawang Kidul", "Gelumbang"}),
            new Region("Sumatera Selatan", "16", "Kota Prabumulih", "1674", new String[] {"Prabumulih Barat", "Prabumulih Timur"}),
            new Region("Sumatera Selatan", "16", "Kabupaten Ogan Komering Ilir", "1602", new String[] {"Kayu Agung", "Tulung Selapan"}),
            new Region("DKI Jakarta", "31", "Kota Jakarta Selatan", "3174", new String[] {"Kebayoran Baru", "Tebet", "Cilandak"}),
            new Region("Jawa Barat", "32", "Kota Bandung", "3273", new String[] {"Coblong", "Sukajadi", "Antapani"})};
    private static final String[] VILLAGES = {"Sukamaju", "Sukajaya", "Talang Betutu", "Karya Baru", "Srijaya", "Bukit Lama",
            "Lorok Pakjo", "Siring Agung", "Sungai Pangeran", "Kebun Bunga", "Sukabangun", "Pahlawan", "Demang Lebar Daun",
            "Tanjung Raja", "Mekar Sari", "Sido Mulyo", "Suka Damai", "Air Batu", "Pulau Harapan", "Tanah Mas"};
    private static final String[] STREETS = {"Merdeka", "Sudirman", "Jenderal Sudirman", "Kol. H. Burlian", "Demang Lebar Daun",
            "Veteran", "Kapten A. Rivai", "Angkatan 45", "Basuki Rahmat", "R. Sukamto", "Residen Abdul Rozak", "Mayor Salim Batubara",
            "Srijaya Negara", "Letnan Jaimas", "Pangeran Ratu", "Lintas Timur", "Poros Desa", "Masjid", "Pendidikan", "Kenanga",
            "Melati", "Mawar", "Flamboyan", "Cempaka", "Anggrek", "Kamboja", "Sakura", "Tanjung Api-Api", "Sultan Agung", "Perintis"};
    private static final String[] PLACES = {"Palembang", "Banyuasin", "Prabumulih", "Lahat", "Baturaja", "Muara Enim",
            "Kayu Agung", "Jakarta", "Bandung", "Lubuk Linggau", "Pagar Alam", "Indralaya", "Sekayu", "Medan", "Jambi"};
    private static final String[] COMPANY_WORDS = {"Sinar", "Jaya", "Abadi", "Makmur", "Sentosa", "Karya", "Mandiri",
            "Sejahtera", "Bumi", "Sriwijaya", "Musi", "Rejeki", "Berkah", "Cahaya", "Mulia", "Agung", "Perkasa", "Prima",
            "Utama", "Gemilang", "Lestari", "Nusantara", "Putra", "Anugrah", "Sukses", "Mitra", "Tunggal", "Indah", "Baru",
            "Harapan", "Bersama", "Teknik", "Konstruksi", "Niaga", "Persada", "Samudra", "Kencana", "Mas", "Intan", "Ampera",
            "Palm", "Sawit", "Karet", "Batu", "Bara", "Energi", "Logistik", "Global", "Citra", "Sarana"};
    private static final String[] MAIL_DOMAINS = {"gmail.com", "yahoo.co.id", "yahoo.com", "ymail.com", "outlook.com"};

    private record Person(String[] given, String muhammad, String patronym, String palembangTitle, boolean female,
                          LocalDate born, String place, String nik, String npwp, String nib, Address address, String phone,
                          String email, boolean oldSpelling, boolean titled) {
    }

    private record Org(String core, String formStyle, boolean tbk, boolean persero, String nib, String npwp,
                       Address address, String phone, String email) {
    }

    private record Address(Region region, String district, String village, String street, int number, int rt, int rw,
                           String regionCode, String postal) {
    }

    private final SplittableRandom rnd;
    private final JsonGenerator json;
    private final Writer truth;
    private final String prefix;
    private long entity;
    private long written;
    private long refs;
    private long mailboxes;

    private ApplicantGenerator(long seed, Writer records, Writer truth) throws IOException {
        this.rnd = new SplittableRandom(seed);
        this.json = new JsonFactory().createGenerator(records);
        this.json.setRootValueSeparator(null);
        this.truth = truth;
        this.prefix = "s" + seed + "-";
    }

    /**
     * Writes about {@code count} records (whole entities, so a few more) in shuffled order to {@code records}
     * as JSON lines, and "sourceRef,entity" lines to {@code truth}.
     */
    public static long generate(long seed, int count, Writer records, Writer truth) throws IOException {
        ApplicantGenerator g = new ApplicantGenerator(seed, records, truth);
        truth.write("sourceRef,entity\n");
        // Entities are produced in windows and shuffled within each window, so the records of one applicant
        // arrive spread out (as re-entries over months do) without holding a million records in memory.
        int window = Math.min(count, 200_000);
        while (g.written < count) {
            List<Object[]> pending = new ArrayList<>();
            int target = (int) Math.min(window, count - g.written);
            int made = 0;
            while (made < target) {
                made += g.entity(pending);
            }
            for (int i = pending.size() - 1; i > 0; i--) {
                int j = g.rnd.nextInt(i + 1);
                Object[] t = pending.get(i);
                pending.set(i, pending.get(j));
                pending.set(j, t);
            }
            for (Object[] rec : pending) {
                g.write(rec);
            }
        }
        g.json.flush();
        return g.written;
    }

    /** One entity (sometimes with a household member or a look-alike), its records appended to out. */
    private int entity(List<Object[]> out) {
        int before = out.size();
        if (rnd.nextDouble() < 0.15) {
            Org org = org(null);
            emitOrg(org, out);
            if (rnd.nextDouble() < 0.15) {
                emitOrg(lookAlike(org), out);
            }
        } else {
            Person p = person(null, false);
            emitPerson(p, out);
            double r = rnd.nextDouble();
            if (r < 0.12) {
                emitPerson(spouse(p), out);
            } else if (r < 0.16) {
                emitPerson(child(p, false), out);
            } else if (r < 0.19) {
                emitPerson(child(p, true), out);
            }
        }
        return out.size() - before;
    }

    private int clusterSize() {
        double r = rnd.nextDouble();
        return r < 0.45 ? 1 : r < 0.70 ? 2 : r < 0.84 ? 3 : r < 0.92 ? 4 : 5 + rnd.nextInt(4);
    }

    // ---- persons ----------------------------------------------------------------------------------------------

    private Person person(Address at, boolean female) {
        female = at == null ? rnd.nextBoolean() : female;
        String[] given;
        String muhammad = null;
        if (rnd.nextDouble() < 0.06) {
            String[] common = COMMON[rnd.nextInt(COMMON.length)];
            given = common.clone();
            female = common[0].equals("Siti") || common[0].equals("Sri") || common[0].equals("Dewi") || common[0].equals("Nur");
        } else {
            String[] pool = female ? FEMALE : MALE;
            int n = rnd.nextDouble() < 0.12 ? 1 : rnd.nextDouble() < 0.7 ? 2 : 3;
            given = new String[n];
            for (int i = 0; i < n; i++) {
                given[i] = i > 0 && rnd.nextBoolean() ? pick(LAST) : pick(pool);
            }
            if (given.length > 1 && given[0].equals(given[1])) {
                given[1] = pick(LAST);
            }
        }
        if (!female && given[0].equals("Muhammad") || !female && rnd.nextDouble() < 0.25 && given.length < 3) {
            if (given[0].equals("Muhammad")) {
                given = java.util.Arrays.copyOfRange(given, 1, given.length);
            }
            muhammad = "Muhammad";
        }
        String palembang = rnd.nextDouble() < 0.06 ? String.valueOf(rnd.nextInt(3)) : null;
        String patronym = rnd.nextDouble() < 0.1 ? pick(MALE) + (rnd.nextBoolean() ? "" : " " + pick(LAST)) : null;
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(rnd.nextInt(365 * 53));
        Address address = at != null ? at : address();
        String nik = nik(address, born, female);
        String npwp = rnd.nextDouble() < 0.4 ? digits(15, rnd.nextBoolean() ? "0" : "") : null;
        String nib = rnd.nextDouble() < 0.3 ? "9" + digits(12, "") : null;
        String phone = rnd.nextDouble() < 0.85 ? "8" + (1 + rnd.nextInt(9)) + digits(8 + rnd.nextInt(2), "") : null;
        String flat = String.join("", given).toLowerCase(Locale.ROOT);
        // Mailboxes are personal: two people never share one, however common their name.
        String email = rnd.nextDouble() < 0.55 ? flat + (rnd.nextBoolean() ? "." : "") + Long.toString(++mailboxes, 36)
                + "@" + pick(MAIL_DOMAINS) : null;
        return new Person(given, muhammad, patronym, palembang, female, born, pick(PLACES), nik, npwp, nib, address,
                phone, email, rnd.nextDouble() < 0.3, rnd.nextDouble() < 0.3);
    }

    /** Spouse: same address, often the same phone; a wife may report under her husband's NPWP. */
    private Person spouse(Person p) {
        Person s = person(p.address(), !p.female());
        String npwp = p.npwp() != null && !p.female() && rnd.nextDouble() < 0.6 ? p.npwp() : s.npwp();
        String phone = rnd.nextDouble() < 0.5 ? p.phone() : s.phone();
        return new Person(s.given(), s.muhammad(), s.patronym(), s.palembangTitle(), s.female(), s.born(), s.place(),
                s.nik(), npwp, s.nib(), s.address(), phone, s.email(), s.oldSpelling(), s.titled());
    }

    /** A child at the parents' address; with {@code namesake}, a son who carries his father's name. */
    private Person child(Person p, boolean namesake) {
        boolean female = !namesake && rnd.nextBoolean();
        LocalDate born = p.born().plusYears(20 + rnd.nextInt(15)).plusDays(rnd.nextInt(300));
        if (born.getYear() > 2006) {
            born = LocalDate.of(2006, 1, 1).minusDays(rnd.nextInt(2000));
        }
        Person c = person(p.address(), female);
        String[] given = namesake ? p.given() : c.given();
        String muhammad = namesake ? p.muhammad() : c.muhammad();
        String patronym = namesake ? null : String.join(" ", p.given());
        String nik = nik(p.address(), born, female);
        return new Person(given, muhammad, patronym, p.palembangTitle(), female, born, p.place(), nik, null, null,
                p.address(), rnd.nextDouble() < 0.4 ? p.phone() : c.phone(), c.email(), p.oldSpelling(), c.titled());
    }

    private void emitPerson(Person p, List<Object[]> out) {
        long id = ++entity;
        int n = clusterSize();
        Address moved = rnd.nextDouble() < 0.15 ? address() : null;
        String newPhone = rnd.nextDouble() < 0.15 ? "8" + (1 + rnd.nextInt(9)) + digits(9, "") : null;
        for (int i = 0; i < n; i++) {
            Address a = moved != null && rnd.nextDouble() < 0.4 ? moved : p.address();
            String phone = newPhone != null && rnd.nextDouble() < 0.4 ? newPhone : p.phone();
            String nik = p.nik();
            double nr = rnd.nextDouble();
            if (nr < 0.25) {
                nik = null;
            } else if (nr < 0.29) {
                nik = typoDigit(nik);
            }
            String born = rnd.nextDouble() < 0.8 ? p.born().toString() : null;
            if (born != null && rnd.nextDouble() < 0.03) {
                born = p.born().getDayOfMonth() <= 12
                        ? LocalDate.of(p.born().getYear(), p.born().getDayOfMonth(), p.born().getMonthValue()).toString()
                        : p.born().withYear(p.born().getYear() + (rnd.nextBoolean() ? 1 : -1)).toString();
            }
            Object[] rec = {
                    ref(), "PERSON", personName(p), nik, p.npwp() != null && rnd.nextDouble() < 0.6 ? npwp(p.npwp()) : null,
                    p.nib() != null && rnd.nextDouble() < 0.6 ? p.nib() : null, born,
                    rnd.nextDouble() < 0.6 ? place(p.place()) : null,
                    rnd.nextDouble() < 0.8 ? (p.female() ? "F" : "M") : null,
                    rnd.nextDouble() < 0.88 ? a : null, rnd.nextDouble() < 0.75 ? phone(phone) : null,
                    p.email() != null && rnd.nextDouble() < 0.55 ? email(p.email()) : null, id};
            out.add(rec);
        }
    }

    private String personName(Person p) {
        List<String> parts = new ArrayList<>();
        boolean female = p.female();
        if (p.titled() && rnd.nextDouble() < 0.6) {
            parts.add(pick(female ? FEMALE_TITLES : PREFIX_TITLES));
        } else if (rnd.nextDouble() < 0.12) {
            parts.add(pick(female ? SALUTE_F : SALUTE_M));
        }
        if (p.palembangTitle() != null && rnd.nextDouble() < 0.65) {
            String[] forms = (female ? PALEMBANG_F : PALEMBANG_M)[Integer.parseInt(p.palembangTitle())];
            parts.add(forms[rnd.nextInt(forms.length)]);
        }
        if (p.muhammad() != null) {
            parts.add(rnd.nextDouble() < 0.5 ? "Muhammad" : pick(MUHAMMAD));
        }
        String[] given = p.given().clone();
        if (given.length >= 3 && rnd.nextDouble() < 0.06) {
            given = new String[] {given[0], given[2]};
        }
        boolean old = p.oldSpelling() && rnd.nextDouble() < 0.5;
        for (String g : given) {
            String t = old ? oldSpelling(g) : g;
            parts.add(rnd.nextDouble() < 0.07 ? typo(t) : t);
        }
        if (p.patronym() != null && rnd.nextDouble() < 0.5) {
            parts.add(female ? (rnd.nextBoolean() ? "binti" : "Binti") : (rnd.nextBoolean() ? "bin" : "Bin"));
            parts.add(p.patronym());
        }
        String name = String.join(rnd.nextDouble() < 0.05 ? "  " : " ", parts);
        if (p.titled() && rnd.nextDouble() < 0.5) {
            name = name + (rnd.nextBoolean() ? ", " : " ") + pick(DEGREES);
        }
        return cased(name);
    }

    private String nik(Address a, LocalDate born, boolean female) {
        String region = a.regionCode().substring(0, 6);
        int day = born.getDayOfMonth() + (female ? 40 : 0);
        return region + String.format("%02d%02d%02d", day, born.getMonthValue(), born.getYear() % 100)
                + String.format("%04d", 1 + rnd.nextInt(2999));
    }

    // ---- organisations ------------------------------------------------------------------------------------------

    private Org org(Org like) {
        String[] words = new String[2 + rnd.nextInt(2)];
        for (int i = 0; i < words.length; i++) {
            words[i] = pick(COMPANY_WORDS);
        }
        double f = rnd.nextDouble();
        String form = f < 0.5 ? "PT" : f < 0.75 ? "CV" : f < 0.83 ? "UD" : f < 0.88 ? "KOP" : f < 0.93 ? "YAYASAN"
                : f < 0.96 ? "BUMDES" : f < 0.98 ? "PERUMDA" : "FA";
        String core = String.join(" ", words);
        return new Org(core, form, form.equals("PT") && rnd.nextDouble() < 0.04, form.equals("PT") && rnd.nextDouble() < 0.02,
                rnd.nextDouble() < 0.92 ? "8" + digits(12, "") : null, rnd.nextDouble() < 0.8 ? digits(15, "0") : null,
                address(), rnd.nextDouble() < 0.85 ? "711" + digits(6, "") : null,
                rnd.nextDouble() < 0.6 ? core.toLowerCase(Locale.ROOT).replace(" ", "") + Long.toString(++mailboxes, 36)
                        + "@" + pick(MAIL_DOMAINS) : null);
    }

    /** A different company whose name differs by one word, an added word or only its legal form. */
    private Org lookAlike(Org o) {
        Org fresh = org(o);
        String[] words = o.core().split(" ");
        String core;
        String form = o.formStyle();
        double r = rnd.nextDouble();
        if (r < 0.35) {
            words[rnd.nextInt(words.length)] = pick(COMPANY_WORDS);
            core = String.join(" ", words);
        } else if (r < 0.7) {
            core = o.core() + " " + pick(COMPANY_WORDS);
        } else {
            core = o.core();
            form = form.equals("PT") ? "CV" : "PT";
        }
        Address a = rnd.nextBoolean() ? o.address() : fresh.address();
        return new Org(core, form, false, false, fresh.nib(), fresh.npwp(), a, fresh.phone(), fresh.email());
    }

    private void emitOrg(Org o, List<Object[]> out) {
        long id = ++entity;
        int n = clusterSize();
        for (int i = 0; i < n; i++) {
            Object[] rec = {ref(), "ORGANIZATION", orgName(o), null,
                    o.npwp() != null && rnd.nextDouble() < 0.7 ? npwp(o.npwp()) : null,
                    o.nib() != null && rnd.nextDouble() < 0.85 ? o.nib() : null, null, null, null,
                    rnd.nextDouble() < 0.85 ? o.address() : null, o.phone() != null && rnd.nextDouble() < 0.7 ? phone(o.phone()) : null,
                    o.email() != null && rnd.nextDouble() < 0.6 ? email(o.email()) : null, id};
            out.add(rec);
        }
    }

    private String orgName(Org o) {
        String core = rnd.nextDouble() < 0.05 ? typo(o.core()) : o.core();
        String form = switch (o.formStyle()) {
            case "PT" -> pick(new String[] {"PT", "PT.", "P.T.", "Perseroan Terbatas", "PT"});
            case "CV" -> pick(new String[] {"CV", "CV.", "C.V.", "Perseroan Komanditer"});
            case "UD" -> pick(new String[] {"UD", "UD.", "Usaha Dagang"});
            case "KOP" -> pick(new String[] {"Koperasi", "KSU", "Koperasi Serba Usaha", "Kop."});
            case "YAYASAN" -> pick(new String[] {"Yayasan", "Yys."});
            case "BUMDES" -> pick(new String[] {"BUM Desa", "BUMDes", "Badan Usaha Milik Desa"});
            case "PERUMDA" -> pick(new String[] {"Perumda", "Perusahaan Umum Daerah"});
            default -> pick(new String[] {"Firma", "Fa."});
        };
        String name;
        double r = rnd.nextDouble();
        if (r < 0.08) {
            name = core;
        } else if (r < 0.18) {
            name = core + ", " + form.strip();
        } else {
            name = form.strip() + " " + core;
        }
        if (o.persero()) {
            name = name + " (Persero)";
        }
        if (o.tbk() && rnd.nextDouble() < 0.7) {
            name = name + (rnd.nextBoolean() ? " Tbk" : " Tbk.");
        }
        return cased(name);
    }

    // ---- fields -----------------------------------------------------------------------------------------------

    private Address address() {
        Region region = REGIONS[rnd.nextInt(rnd.nextDouble() < 0.75 ? 6 : REGIONS.length)];
        int d = rnd.nextInt(region.districts().length);
        String code = region.code() + String.format("%02d", d + 1) + String.format("%04d", 2001 + rnd.nextInt(20));
        return new Address(region, region.districts()[d], pick(VILLAGES), pick(STREETS), 1 + rnd.nextInt(250),
                1 + rnd.nextInt(30), 1 + rnd.nextInt(12), code, "3" + digits(4, ""));
    }

    private String ref() {
        String system = pick(new String[] {"oss", "sicantik", "loket"});
        return system + ":" + prefix + Long.toString(++refs, 36) + "-" + Integer.toString(rnd.nextInt(1 << 20), 36);
    }

    private String npwp(String d) {
        return switch (rnd.nextInt(4)) {
            case 0 -> d.substring(0, 2) + "." + d.substring(2, 5) + "." + d.substring(5, 8) + "." + d.charAt(8) + "-"
                    + d.substring(9, 12) + "." + d.substring(12);
            case 1 -> "0" + d;
            default -> d;
        };
    }

    private String phone(String national) {
        if (national == null) {
            return null;
        }
        return switch (rnd.nextInt(5)) {
            case 0 -> "0" + national;
            case 1 -> "62" + national;
            case 2 -> "+62 " + national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7);
            case 3 -> "0" + national.substring(0, 3) + " " + national.substring(3);
            default -> "+62" + national;
        };
    }

    private String email(String e) {
        if (e == null) {
            return null;
        }
        return rnd.nextDouble() < 0.2 ? e.toUpperCase(Locale.ROOT) : rnd.nextDouble() < 0.1 ? " " + e + " " : e;
    }

    private String place(String p) {
        double r = rnd.nextDouble();
        if (p.equals("Palembang") && r < 0.2) {
            return "Plg";
        }
        return r < 0.3 ? (p.equals("Banyuasin") || p.equals("Muara Enim") ? "Kab. " : "Kota ") + p
                : r < 0.45 ? p.toUpperCase(Locale.ROOT) : p;
    }

    private void write(Object[] rec) {
        try {
            json.writeStartObject();
            String[] fields = {"sourceRef", "type", "name", "nik", "npwp", "nib", "birthDate", "birthPlace", "gender"};
            for (int i = 0; i < fields.length; i++) {
                json.writeStringField(fields[i], (String) rec[i]);
            }
            Address a = (Address) rec[9];
            if (a == null) {
                json.writeNullField("address");
            } else {
                writeAddress(a);
            }
            json.writeStringField("phone", (String) rec[10]);
            json.writeStringField("email", (String) rec[11]);
            json.writeEndObject();
            json.writeRaw('\n');
            truth.write(rec[0] + "," + rec[12] + "\n");
            written++;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeAddress(Address a) throws IOException {
        json.writeObjectFieldStart("address");
        String street = switch (rnd.nextInt(4)) {
            case 0 -> "Jl. ";
            case 1 -> "Jln ";
            case 2 -> "Jalan ";
            default -> "JL.";
        } + a.street() + (rnd.nextBoolean() ? " No. " : " ") + a.number();
        String rtrw = switch (rnd.nextInt(5)) {
            case 0 -> " RT " + a.rt() + " RW " + a.rw();
            case 1 -> String.format(" RT.%03d/RW.%03d", a.rt(), a.rw());
            case 2 -> String.format(" Rt %02d Rw %02d", a.rt(), a.rw());
            case 3 -> String.format(" RT/RW %03d/%03d", a.rt(), a.rw());
            default -> "";
        };
        json.writeStringField("line", cased(street + rtrw));
        json.writeStringField("village", rnd.nextDouble() < 0.8 ? pick(new String[] {"Desa ", "Kel. ", "Kelurahan ", "", "Ds. "}) + a.village() : null);
        json.writeStringField("district", rnd.nextDouble() < 0.7 ? pick(new String[] {"Kec. ", "Kecamatan ", ""}) + a.district() : null);
        json.writeStringField("regency", rnd.nextDouble() < 0.8 ? a.region().regency().replace("Kabupaten ", rnd.nextBoolean() ? "Kab. " : "Kabupaten ") : null);
        json.writeStringField("province", rnd.nextDouble() < 0.6 ? a.region().province() : null);
        json.writeStringField("regionCode", rnd.nextDouble() < 0.5 ? a.regionCode() : null);
        json.writeStringField("postalCode", rnd.nextDouble() < 0.4 ? a.postal() : null);
        json.writeEndObject();
    }

    private String cased(String s) {
        double r = rnd.nextDouble();
        return r < 0.15 ? s.toUpperCase(Locale.ROOT) : r < 0.2 ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static String oldSpelling(String s) {
        return s.replace("u", "oe").replace("U", "Oe").replace("j", "dj").replace("J", "Dj").replace("c", "tj")
                .replace("C", "Tj").replace("ny", "nj").replace("Ny", "Nj").replace("sy", "sj").replace("Sy", "Sj")
                .replace("kh", "ch").replace("Kh", "Ch");
    }

    private String typo(String s) {
        if (s.length() < 4) {
            return s;
        }
        int i = 1 + rnd.nextInt(s.length() - 2);
        return switch (rnd.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            default -> s.substring(0, i) + (char) ('a' + rnd.nextInt(26)) + s.substring(i + 1);
        };
    }

    private String typoDigit(String d) {
        int i = rnd.nextInt(16);
        char c = (char) ('0' + (d.charAt(i) - '0' + 1 + rnd.nextInt(8)) % 10);
        return d.substring(0, i) + c + d.substring(i + 1);
    }

    private String digits(int n, String lead) {
        StringBuilder b = new StringBuilder(lead);
        while (b.length() < n) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        if (b.charAt(0) == '0' && lead.isEmpty()) {
            b.setCharAt(0, '1');
        }
        return b.toString();
    }

    private String pick(String[] pool) {
        return pool[rnd.nextInt(pool.length)];
    }
}
