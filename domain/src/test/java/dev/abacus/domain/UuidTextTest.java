package dev.abacus.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one-pass reader and writer agree with {@code UUID.toString} and {@code UUID.fromString} on canonical text. */
class UuidTextTest {

    @Property(tries = 2000)
    void writesWhatToStringWrites(@ForAll("ids") UUID id) {
        byte[] bytes = new byte[UuidText.LENGTH + 2];
        assertThat(UuidText.write(id, bytes, 1)).isEqualTo(UuidText.LENGTH + 1);
        assertThat(new String(bytes, 1, UuidText.LENGTH, StandardCharsets.US_ASCII)).isEqualTo(id.toString());
    }

    @Property(tries = 2000)
    void readsBothCasesOfTheCanonicalText(@ForAll("ids") UUID id) {
        char[] padded = ("x" + id.toString().toUpperCase(Locale.ROOT) + "y").toCharArray();
        assertThat(UuidText.parse(id.toString())).isEqualTo(id);
        assertThat(UuidText.parse(padded, 1, UuidText.LENGTH)).isEqualTo(id);
        assertThat(UuidText.isTextOf(id.toString(), id)).isTrue();
        assertThat(UuidText.isTextOf(id.toString().toUpperCase(Locale.ROOT), id)).isEqualTo(
                id.toString().equals(id.toString().toUpperCase(Locale.ROOT)));
    }

    @Property(tries = 2000)
    void anyOtherTextIsNotAnId(@ForAll("ids") UUID id, @ForAll("edits") int at, @ForAll("junk") char junk) {
        char[] text = id.toString().toCharArray();
        text[at] = junk;
        String edited = new String(text);
        UUID read = UuidText.parse(edited);
        if (isCanonical(edited)) {
            assertThat(read).isEqualTo(UUID.fromString(edited));
        } else {
            assertThat(read).isNull();
        }
        assertThat(UuidText.isTextOf(edited, id)).isEqualTo(edited.equals(id.toString()));
    }

    @Property(tries = 200)
    void otherLengthsAreNotIds(@ForAll("ids") UUID id) {
        assertThat(UuidText.parse(id.toString().substring(1))).isNull();
        assertThat(UuidText.parse(id + "0")).isNull();
        assertThat(UuidText.parse("1-1-1-1-1")).isNull();
        assertThat(UuidText.isTextOf(id.toString().substring(1), id)).isFalse();
        assertThat(UuidText.parse((CharSequence) null)).isNull();
    }

    @Provide
    Arbitrary<UUID> ids() {
        return WireArbitraries.ids();
    }

    @Provide
    Arbitrary<Integer> edits() {
        return Arbitraries.integers().between(0, UuidText.LENGTH - 1);
    }

    @Provide
    Arbitrary<Character> junk() {
        return Arbitraries.of('-', '0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '/', ':', '@', '`', ' ', 'é', '٣');
    }

    private static boolean isCanonical(String text) {
        return text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
