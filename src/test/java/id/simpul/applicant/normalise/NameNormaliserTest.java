package id.simpul.applicant.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NameNormaliserTest {

    private static String key(String raw) {
        return NameNormaliser.normalise(raw).key();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "H. Ahmad Dahlan|ahmad dahlan",
            "Hj. Siti Aminah|siti aminah",
            "Ir. Joko Widodo|joko widodo",
            "Dr. Budi Santoso|budi santoso",
            "dr. Rina Wulandari|rina wulandari",
            "Drs. Eko Prasetyo|eko prasetyo",
            "Dra. Sri Wahyuni|sri wahyuni",
            "Prof. Dr. Ir. H. Bambang Sutrisno|bambang sutrisno"})
    void leadingTitlesAreDropped(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Budi Santoso, S.E.|budi santoso",
            "Budi Santoso, S.H., M.H.|budi santoso",
            "Rina Wulandari S.Pd.|rina wulandari",
            "Andi Saputra S.Kom|andi saputra",
            "Dewi Lestari, A.Md.|dewi lestari",
            "Hendra Gunawan, S.T., M.M.|hendra gunawan",
            "Nur Hidayah, M.Kes.|nur hidayah",
            "Agus Salim S.Sos|agus salim",
            "Yusuf Mansur, S.Pd.I|yusuf mansur"})
    void degreesAreDroppedWithOrWithoutCommaAndDots(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Budi Santoso SE MM|budi santoso",
            "BUDI SANTOSO SE MM|budi santoso",
            "Hendra Gunawan ST MT|hendra gunawan",
            "Rudi Hartono SH MH|rudi hartono",
            "Rudi Hartono SH|rudi hartono",
            "Ahmad Fauzi bin Abdullah SE MM|ahmad fauzi"})
    void degreesWithoutDotsOrCommaAtTheEndAreDropped(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @Test
    void degreesWithoutDotsAfterThePatronymAreNotPartOfIt() {
        assertThat(NameNormaliser.normalise("Ahmad Fauzi bin Abdullah SE MM").patronym()).isEqualTo("abdullah");
    }

    @Test
    void aSingleTrailingWordThatCouldBeANameIsKept() {
        // "Se" or "Ma" alone at the end may be a name part; only runs of degrees or a degree without a vowel go.
        assertThat(key("Edi Se")).isEqualTo("edi se");
        assertThat(key("Liem Ma")).isEqualTo("liem ma");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bapak Slamet Riyadi|slamet riyadi",
            "Bpk. Slamet Riyadi|slamet riyadi",
            "Ibu Fatimah|fatimah",
            "Tn. Hasan Basri|hasan basri",
            "Ny. Kartika Sari|kartika sari",
            "Sdr. Rudi Hartono|rudi hartono"})
    void salutationsAreDropped(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Kgs. Ahmad Nawawi|ahmad nawawi",
            "Kemas Ahmad Nawawi|ahmad nawawi",
            "Mgs. Abdul Rozak|abdul rozak",
            "Masagus Abdul Rozak|abdul rozak",
            "Nyayu Zubaidah|zubaidah",
            "Nyimas Laila|laila",
            "R. Soeprapto|suprapto",
            "Raden Soeprapto|suprapto",
            "R.A. Kartini|kartini"})
    void palembangAndJavaneseHereditaryTitlesAreDropped(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @Test
    void binAndBintiSplitOffThePatronym() {
        NameNormaliser.Name son = NameNormaliser.normalise("Ahmad bin Abdullah");
        NameNormaliser.Name daughter = NameNormaliser.normalise("Siti Aminah Binti H. Usman");

        assertThat(son.key()).isEqualTo("ahmad");
        assertThat(son.patronym()).isEqualTo("abdullah");
        assertThat(daughter.key()).isEqualTo("siti aminah");
        assertThat(daughter.patronym()).isEqualTo("h usman");
    }

    @Test
    void binAloneIsAName() {
        assertThat(key("Bin")).isEqualTo("bin");
    }

    @ParameterizedTest
    @CsvSource({"Muhammad Rizki", "Muhamad Rizki", "Mohammad Rizki", "Mohamad Rizki", "Mochammad Rizki",
            "Mochamad Rizki", "Muhammat Rizki", "Mohammed Rizki", "Muhammed Rizki", "Mukhammad Rizki",
            "Muchammad Rizki", "M. Rizki", "M Rizki", "Moh. Rizki", "Muh. Rizki", "Mhd. Rizki", "Moch. Rizki",
            "Mohd. Rizki", "MUHAMMAD RIZKI", "muhammad  rizki"})
    void muhammadSpellingsNormaliseToOneKey(String raw) {
        assertThat(key(raw)).isEqualTo("muhammad rizki");
    }

    @Test
    void nameThatOnlyLooksLikeMuhammadIsKept() {
        assertThat(key("Mahmud Yunus")).isEqualTo("mahmud yunus");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Soekarno|sukarno",
            "Djoko Santoso|joko santoso",
            "Tjahjo Kumolo|cahyo kumolo",
            "Njoman Suwarna|nyoman suwarna",
            "Sjahrir|syahrir",
            "Chairul Tanjung|khairul tanjung",
            "Achmad Sjarif|ahmad syarif"})
    void preEydSpellingBecomesCurrentSpelling(String raw, String expected) {
        assertThat(key(raw)).isEqualTo(expected);
    }

    @Test
    void currentAndOldSpellingShareAKey() {
        assertThat(key("Tjahjo")).isEqualTo(key("Cahyo"));
        assertThat(key("Soeharto")).isEqualTo(key("Suharto"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // In old spelling j is today's y (dj is today's j): Tjahjo is Cahyo, Soejono Suyono, Djojo Joyo.
            "Tjahjo Kumolo|Cahyo Kumolo",
            "Soejono|Suyono",
            "Soenjoto|Sunyoto",
            "Djojohadikoesoemo|Joyohadikusumo",
            "Soedjono|Sujono",
            "Tandjung|Tanjung"})
    void oldSpellingJIsTodaysYAndDjTodaysJ(String old, String current) {
        assertThat(key(old)).isEqualTo(key(current));
    }

    @Test
    void jInAWordWithoutOldSpellingStaysJ() {
        assertThat(key("Joko Panjaitan")).isEqualTo("joko panjaitan");
        assertThat(key("Jaya Sujono")).isEqualTo("jaya sujono");
    }

    @Test
    void caseAccentsPunctuationAndSpacingDoNotMatter() {
        assertThat(key("  SITI   AMINAH ")).isEqualTo("siti aminah");
        assertThat(key("Ma'ruf Amin")).isEqualTo("maruf amin");
        assertThat(key("André Wijaya")).isEqualTo("andre wijaya");
    }

    @Test
    void aLoneTitleWordIsKeptAsTheName() {
        assertThat(key("Ibu")).isEqualTo("ibu");
    }

    @Test
    void emptyOrMissingNameGivesAnEmptyKey() {
        assertThat(NameNormaliser.normalise(null).isEmpty()).isTrue();
        assertThat(NameNormaliser.normalise("  ").isEmpty()).isTrue();
        assertThat(NameNormaliser.normalise("H., S.E.").isEmpty()).isFalse();
    }

    @Test
    void phoneticKeyMergesSpellingsOfOneSound() {
        assertThat(NameNormaliser.phonetic("rizki")).isEqualTo(NameNormaliser.phonetic("rizky"))
                .isEqualTo(NameNormaliser.phonetic("riski"));
        assertThat(NameNormaliser.phonetic("syaiful")).isEqualTo(NameNormaliser.phonetic("saiful"));
        assertThat(NameNormaliser.phonetic("budi")).isNotEqualTo(NameNormaliser.phonetic("dedi"));
    }
}
