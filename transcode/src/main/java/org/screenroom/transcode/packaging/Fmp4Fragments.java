package org.screenroom.transcode.packaging;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the top-level boxes of fMP4 bytes and finds the key frame at the start of each movie
 * fragment ({@code moof/traf/tfhd+trun}, ISO/IEC 14496-12 8.8). Pure.
 *
 * <p>Each key frame range runs from a moof to the end of that fragment's first sample: a player
 * can fetch that range, parse the moof and decode the frame. Packaging makes every key frame
 * start a fragment of its own (see {@link SegmentJoiner}), so every key frame has a range.
 */
public final class Fmp4Fragments {
    private static final int TFHD_BASE_DATA_OFFSET = 0x01;
    private static final int TFHD_SAMPLE_DESCRIPTION = 0x02;
    private static final int TFHD_DEFAULT_DURATION = 0x08;
    private static final int TFHD_DEFAULT_SIZE = 0x10;
    private static final int TFHD_DEFAULT_FLAGS = 0x20;
    private static final int TRUN_DATA_OFFSET = 0x01;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x04;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int NON_SYNC_SAMPLE = 0x0001_0000;

    /**
     * The byte range of the first key frame.
     *
     * @param offset where the moof starts in the file
     * @param length bytes from the moof through the end of the first sample
     */
    public record KeyFrameRange(long offset, long length) {
    }

    /**
     * One top-level box.
     *
     * @param type   four-character type, e.g. "moof"
     * @param offset where the box starts
     * @param size   whole box, header included
     */
    public record Box(String type, long offset, long size) {
    }

    private Fmp4Fragments() {
    }

    /**
     * @return the top-level boxes in order, up to the first one that is cut short or malformed
     */
    public static List<Box> boxes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<Box> boxes = new ArrayList<>();
        long pos = 0;
        while (pos + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(buf.getInt((int) pos));
            int header = 8;
            if (size == 1 && pos + 16 <= bytes.length) {
                size = buf.getLong((int) pos + 8);
                header = 16;
            } else if (size == 0) {
                size = bytes.length - pos; // box runs to the end of the file
            }
            if (size < header || pos + size > bytes.length) {
                break;
            }
            boxes.add(new Box(type(buf, (int) pos + 4), pos, size));
            pos += size;
        }
        return boxes;
    }

    /**
     * @return the key frame range of every fragment whose first sample is a sync sample, in order
     */
    public static List<KeyFrameRange> keyFrames(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        List<KeyFrameRange> ranges = new ArrayList<>();
        for (Box box : boxes(bytes)) {
            if (box.type().equals("moof") && box.size() <= Integer.MAX_VALUE) {
                moof(buf, (int) box.offset(), (int) box.size(), 8).ifPresent(ranges::add);
            }
        }
        return ranges;
    }

    /**
     * @return the range, or empty when there is no complete moof in {@code head} or its first
     *         sample is not a sync sample
     */
    public static Optional<KeyFrameRange> firstKeyFrame(byte[] head) {
        ByteBuffer buf = ByteBuffer.wrap(head);
        long pos = 0;
        while (pos + 8 <= head.length) {
            long size = Integer.toUnsignedLong(buf.getInt((int) pos));
            String type = type(buf, (int) pos + 4);
            int header = 8;
            if (size == 1 && pos + 16 <= head.length) {
                size = buf.getLong((int) pos + 8);
                header = 16;
            }
            if (size < header) {
                return Optional.empty();
            }
            if (type.equals("moof")) {
                return pos + size <= head.length ? moof(buf, (int) pos, (int) size, header) : Optional.empty();
            }
            pos += size;
        }
        return Optional.empty();
    }

    private static Optional<KeyFrameRange> moof(ByteBuffer buf, int moofStart, int moofSize, int header) {
        int traf = child(buf, moofStart + header, moofStart + moofSize, "traf");
        if (traf < 0) {
            return Optional.empty();
        }
        int trafEnd = traf + buf.getInt(traf);
        int tfhd = child(buf, traf + 8, trafEnd, "tfhd");
        int trun = child(buf, traf + 8, trafEnd, "trun");
        if (tfhd < 0 || trun < 0) {
            return Optional.empty();
        }
        int tfFlags = buf.getInt(tfhd + 8) & 0xFF_FFFF;
        int p = tfhd + 16; // size, type, version+flags, track_ID
        long base = moofStart; // default-base-is-moof, as CMAF requires
        if ((tfFlags & TFHD_BASE_DATA_OFFSET) != 0) {
            base = buf.getLong(p);
            p += 8;
        }
        p += (tfFlags & TFHD_SAMPLE_DESCRIPTION) != 0 ? 4 : 0;
        p += (tfFlags & TFHD_DEFAULT_DURATION) != 0 ? 4 : 0;
        long defaultSize = 0;
        if ((tfFlags & TFHD_DEFAULT_SIZE) != 0) {
            defaultSize = Integer.toUnsignedLong(buf.getInt(p));
            p += 4;
        }
        int defaultFlags = (tfFlags & TFHD_DEFAULT_FLAGS) != 0 ? buf.getInt(p) : 0;

        int trFlags = buf.getInt(trun + 8) & 0xFF_FFFF;
        int q = trun + 16; // size, type, version+flags, sample_count
        if (buf.getInt(trun + 12) == 0) {
            return Optional.empty();
        }
        long dataOffset = 0;
        if ((trFlags & TRUN_DATA_OFFSET) != 0) {
            dataOffset = buf.getInt(q);
            q += 4;
        }
        int firstFlags = defaultFlags;
        if ((trFlags & TRUN_FIRST_SAMPLE_FLAGS) != 0) {
            firstFlags = buf.getInt(q);
            q += 4;
        }
        q += (trFlags & TRUN_DURATION) != 0 ? 4 : 0;
        long size = defaultSize;
        if ((trFlags & TRUN_SIZE) != 0) {
            size = Integer.toUnsignedLong(buf.getInt(q));
            q += 4;
        }
        if ((trFlags & TRUN_FLAGS) != 0 && (trFlags & TRUN_FIRST_SAMPLE_FLAGS) == 0) {
            firstFlags = buf.getInt(q);
        }
        if ((firstFlags & NON_SYNC_SAMPLE) != 0 || size == 0) {
            return Optional.empty();
        }
        long end = base + dataOffset + size;
        return Optional.of(new KeyFrameRange(moofStart, end - moofStart));
    }

    /** @return the offset of the first child box of that type between from and to, or -1 */
    private static int child(ByteBuffer buf, int from, int to, String type) {
        int pos = from;
        while (pos + 8 <= to) {
            int size = buf.getInt(pos);
            if (type(buf, pos + 4).equals(type)) {
                return pos;
            }
            if (size < 8) {
                return -1;
            }
            pos += size;
        }
        return -1;
    }

    private static String type(ByteBuffer buf, int at) {
        byte[] t = new byte[4];
        buf.get(at, t);
        return new String(t, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
