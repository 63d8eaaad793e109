package org.screenroom.transcode.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.screenroom.transcode.probe.Rational;
import org.screenroom.transcode.probe.VideoStream;

class ChromaSitingTest {
    private static final String LEFT_OUT = ":out_h_chr_pos=0:out_v_chr_pos=128";

    private static VideoStream stream(String pixelFormat, String chromaLocation) {
        return new VideoStream(0, "h264", 1920, 1080, Rational.ONE, Rational.UNKNOWN, 0, new Rational(25, 1),
                new Rational(25, 1), pixelFormat, 8, "progressive", "", "", "", chromaLocation);
    }

    @Test
    void scaleOptions_readTheSourceSitingAndAlwaysWriteLeft() {
        record Row(String pixelFormat, String chromaLocation, boolean sourcePixels, String options) {
        }
        for (Row row : List.of(
                // H.264's default, whether said or not: read as written, nothing moves
                new Row("yuv420p", "left", true, ":in_h_chr_pos=0:in_v_chr_pos=128" + LEFT_OUT),
                new Row("yuv420p", "unspecified", true, ":in_h_chr_pos=0:in_v_chr_pos=128" + LEFT_OUT),
                new Row("yuv420p", "", true, ":in_h_chr_pos=0:in_v_chr_pos=128" + LEFT_OUT),
                // MPEG-1/JPEG centre siting and the top-left siting of BT.2020 masters are moved to left
                new Row("yuvj420p", "center", true, ":in_h_chr_pos=128:in_v_chr_pos=128" + LEFT_OUT),
                new Row("yuv420p10le", "topleft", true, ":in_h_chr_pos=0:in_v_chr_pos=0" + LEFT_OUT),
                new Row("nv12", "bottom", true, ":in_h_chr_pos=128:in_v_chr_pos=256" + LEFT_OUT),
                new Row("p010le", "top", true, ":in_h_chr_pos=128:in_v_chr_pos=0" + LEFT_OUT),
                // 4:2:2 (ProRes) has full vertical chroma: only the horizontal position is read
                new Row("yuv422p10le", "unspecified", true, ":in_h_chr_pos=0" + LEFT_OUT),
                new Row("yuv422p10le", "center", true, ":in_h_chr_pos=128" + LEFT_OUT),
                // 4:4:4 and RGB have no siting to read
                new Row("yuv444p", "left", true, LEFT_OUT),
                new Row("gbrp10le", "unspecified", true, LEFT_OUT),
                // after the tone-map the scaler reads full-resolution float RGB, not the source
                new Row("yuv420p10le", "topleft", false, LEFT_OUT))) {
            assertThat(ChromaSiting.scaleOptions(stream(row.pixelFormat(), row.chromaLocation()), row.sourcePixels()))
                    .as(row.toString()).isEqualTo(row.options());
        }
    }
}
