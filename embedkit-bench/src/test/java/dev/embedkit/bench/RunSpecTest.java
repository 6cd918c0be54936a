package dev.embedkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecTest {
  @Test
  void sweepGivesOneRowPerValueForEmbedkitTargetsOnly() {
    List<RunSpec> specs = RunSpec.expand(List.of(Target.PEER_FP32, Target.EMBEDKIT_FP32), "embedkit.maxBatchSize=4,16");
    assertEquals(List.of("peer-fp32", "embedkit-fp32 maxBatchSize=4", "embedkit-fp32 maxBatchSize=16"),
        specs.stream().map(RunSpec::label).toList());
    assertEquals(List.of("-Dembedkit.maxBatchSize=16"), specs.get(2).jvmArgs());
    assertEquals(List.of(), specs.get(0).jvmArgs());
  }

  @Test
  void noSweepGivesOneRowPerTarget() {
    assertEquals(List.of("embedkit-int8", "peer-int8"),
        RunSpec.expand(List.of(Target.EMBEDKIT_INT8, Target.PEER_INT8), null).stream().map(RunSpec::label).toList());
  }

  @Test
  void malformedSweepIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RunSpec.expand(List.of(Target.EMBEDKIT_FP32), "maxBatchSize"));
  }

  @Test
  void unknownTargetListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.fromString("peer-fp16"));
    assertEquals("unknown target 'peer-fp16'; valid targets are " + Target.labels(), e.getMessage());
  }
}
