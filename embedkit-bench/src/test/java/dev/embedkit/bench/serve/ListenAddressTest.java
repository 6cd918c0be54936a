package dev.embedkit.bench.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void procNetAddressesDecodeAsTheKernelWroteThem() {
    assertEquals("127.0.0.1", ListenAddress.decode("0100007F"));
    assertEquals("0.0.0.0", ListenAddress.decode("00000000"));
    assertEquals("10.0.2.15", ListenAddress.decode("0F02000A"));
    assertEquals("::1", ListenAddress.decode("00000000000000000000000001000000"));
    assertEquals("::", ListenAddress.decode("00000000000000000000000000000000"));
    assertEquals("::ffff:127.0.0.1", ListenAddress.decode("0000000000000000FFFF00000100007F"));
  }

  @Test
  void onlyLoopbackAddressesAreLoopbackOnly() {
    assertTrue(ListenAddress.loopbackOnly(List.of("127.0.0.1", "::1", "::ffff:127.0.0.1")));
    assertFalse(ListenAddress.loopbackOnly(List.of("127.0.0.1", "0.0.0.0")));
    assertFalse(ListenAddress.loopbackOnly(List.of("::")));
    assertFalse(ListenAddress.loopbackOnly(List.of()));
  }
}
