package org.commercecore.platform.http.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text as RFC 8259 asks of JSON: UTF-8 and nothing else. A malformed sequence (an
 * overlong form, an encoded surrogate, a stray byte) is refused, never replaced by U+FFFD, so what
 * a client sent is either kept exactly or answered with a 400.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The text, or where it stops being UTF-8. */
    sealed interface Decoded {
    }

    record Text(String text) implements Decoded {
    }

    /** {@code validPrefix} is the text before the first byte that is not UTF-8, at {@code byteOffset}. */
    record Malformed(int byteOffset, String validPrefix) implements Decoded {
    }

    static Decoded decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than it has bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        return result.isError() ? new Malformed(in.position(), out.toString()) : new Text(out.toString());
    }
}
