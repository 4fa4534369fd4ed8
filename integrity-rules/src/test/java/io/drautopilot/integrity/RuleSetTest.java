package io.drautopilot.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  static ItemView employee() {
    return ItemView.builder()
        .s("PK", "EMPLOYEE#1")
        .s("SK", "PROFILE")
        .s("entityType", "Employee")
        .s("email", "a@example.com")
        .n("salary", "10")
        .build();
  }

  @Test
  void shouldAcceptASeedShapedItemWithTheDefaultRules() {
    assertThat(RuleSet.defaults().evaluate(employee())).isEmpty();
  }

  @Test
  void shouldReportEachMissingSeedAttributeAsItsOwnRule() {
    ItemView noType = ItemView.builder().s("PK", "EMPLOYEE#2").s("SK", "PROFILE").build();
    ItemView noKeys = ItemView.builder().s("entityType", "Employee").build();

    assertThat(RuleSet.defaults().evaluate(noType))
        .extracting(Violation::rule)
        .containsExactly("required:entityType");
    assertThat(RuleSet.defaults().evaluate(noKeys))
        .extracting(Violation::rule)
        .containsExactly("required:PK", "required:SK");
  }

  @Test
  void shouldTreatEmptyStringsAndNullsAsMissingLikeTheSeedScript() {
    ItemView item =
        ItemView.builder()
            .s("PK", "EMPLOYEE#3")
            .s("SK", "")
            .attribute("entityType", AttributeType.NULL)
            .build();

    assertThat(RuleSet.defaults().evaluate(item))
        .extracting(Violation::rule)
        .containsExactly("required:SK", "required:entityType");
  }

  @Test
  void shouldReportAWrongTypeOfAPresentAttribute() {
    ItemView item =
        ItemView.builder().s("PK", "EMPLOYEE#4").s("SK", "PROFILE").n("entityType", "7").build();

    List<Violation> violations = RuleSet.defaults().evaluate(item);

    assertThat(violations).extracting(Violation::rule).containsExactly("type:entityType=S");
    assertThat(violations.get(0).kind()).isEqualTo(Violation.Kind.WRONG_TYPE);
  }

  @Test
  void shouldApplyPerEntityTypeRulesOnlyToThatEntityType() {
    RuleSetSpec spec = new RuleSetSpec();
    RuleSetSpec.EntityTypeSpec employee = new RuleSetSpec.EntityTypeSpec();
    employee.setRequired(List.of("email"));
    employee.setTypes(Map.of("salary", AttributeType.N));
    spec.getEntityTypes().put("Employee", employee);
    RuleSet rules = RuleSet.from(spec);
    ItemView badEmployee =
        ItemView.builder()
            .s("PK", "EMPLOYEE#5")
            .s("SK", "PROFILE")
            .s("entityType", "Employee")
            .s("salary", "lots")
            .build();
    ItemView department =
        ItemView.builder()
            .s("PK", "DEPARTMENT#1")
            .s("SK", "PROFILE")
            .s("entityType", "Department")
            .build();

    assertThat(rules.evaluate(badEmployee))
        .extracting(Violation::rule)
        .containsExactly("required:Employee.email", "type:Employee.salary=N");
    assertThat(rules.evaluate(department)).isEmpty();
    assertThat(rules.evaluate(employee())).isEmpty();
  }

  @Test
  void shouldRejectUnknownEntityTypesOnlyWhenConfiguredTo() {
    ItemView event =
        ItemView.builder()
            .s("PK", "EVENT#1")
            .s("SK", "EVENT#2024")
            .s("entityType", "Event")
            .build();
    Map<String, String> props = new LinkedHashMap<>();
    props.put("entity-types.Employee.required", "email");
    props.put("known-entity-types-only", "true");

    assertThat(RuleSet.defaults().evaluate(event)).isEmpty();
    assertThat(RuleSet.fromProperties(props).evaluate(event))
        .extracting(Violation::rule)
        .containsExactly("unknown-entity-type");
  }

  @Test
  void shouldBuildTheSameRulesFromFlatProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("required", "PK, SK");
    props.put("types.PK", "s");
    props.put("entity-types.Employee.required", "email,name");
    props.put("entity-types.Employee.types.salary", "N");
    RuleSet rules = RuleSet.fromProperties(props);
    ItemView item =
        ItemView.builder()
            .s("PK", "EMPLOYEE#6")
            .s("SK", "PROFILE")
            .s("entityType", "Employee")
            .s("email", "x")
            .s("salary", "high")
            .build();

    assertThat(rules.evaluate(item))
        .extracting(Violation::rule)
        .containsExactly("required:Employee.name", "type:Employee.salary=N");
    assertThat(rules.evaluate(ItemView.builder().s("PK", "X").s("SK", "Y").build())).isEmpty();
    assertThatThrownBy(() -> RuleSet.fromProperties(Map.of("typo", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldTakeTheEntityTypeAttributeKeyAttributesAndTypesFromFlatProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("required", "id,, kind ,");
    props.put("types.id", "N");
    props.put("entity-type-attribute", "kind");
    props.put("key-attributes", "id");
    props.put("entity-types.Order.required", "total");
    RuleSet rules = RuleSet.fromProperties(props);
    ItemView order = ItemView.builder().n("id", "42").s("kind", "Order").build();

    assertThat(rules.entityTypeAttribute()).isEqualTo("kind");
    assertThat(rules.keyAttributes()).containsExactly("id");
    // empty list entries are dropped, not required as an attribute called ""
    assertThat(rules.evaluate(order))
        .extracting(Violation::rule)
        .containsExactly("required:Order.total");
    assertThat(rules.evaluate(ItemView.builder().s("id", "42").s("kind", "Invoice").build()))
        .extracting(Violation::rule)
        .containsExactly("type:id=N");
    assertThat(rules.keyOf(order)).isEqualTo("id=42");
  }

  @Test
  void shouldRejectAnEntityTypePropertyWithoutATypeName() {
    assertThatThrownBy(() -> RuleSet.fromProperties(Map.of("entity-types..required", "email")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entity-types..required");
    assertThatThrownBy(() -> RuleSet.fromProperties(Map.of("entity-types.Employee", "email")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RuleSet.fromProperties(Map.of("entity-types.Employee.optional", "email")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNameAnItemByItsKeyAttributesOnly() {
    ItemView noSk = ItemView.builder().s("PK", "EMPLOYEE#7").s("ssn", "123-45-6789").build();

    assertThat(RuleSet.defaults().keyOf(employee())).isEqualTo("PK=EMPLOYEE#1|SK=PROFILE");
    assertThat(RuleSet.defaults().keyOf(noSk))
        .isEqualTo("PK=EMPLOYEE#7|SK=<missing>")
        .doesNotContain("123-45");
  }
}
