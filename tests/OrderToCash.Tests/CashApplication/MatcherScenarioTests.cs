using Xunit;

namespace OrderToCash.Tests.CashApplication;

/// <summary>One scenario per matching case of the issue, written the way a cash-application clerk reads it.</summary>
public class MatcherScenarioTests
{
    private static void Run(string scenario) => Scenario.Run(Customers + "\n" + scenario);

    private const string Customers = """
        customer acme "ACME Trading GmbH" account DE89370400440532013000 alias "Acme Handel Hamburg"
        customer bolt "Bolt Logistics Ltd." account GB29NWBK60161331926819
        customer cato "Cato Maschinenbau AG" account DE44500105175407324931
        """;

    [Fact]
    public void Exact_invoice_number_and_equal_amount_is_applied() => Run("""
        invoice INV-2026-004512 acme 2026-01-10 100.00 EUR
        invoice INV-2026-004513 acme 2026-01-11 250.00 EUR
        bank 2026-02-20 100.00 EUR "PAYMENT INV-2026-004512 THANK YOU" payer "ACME TRADING GMBH"
        expect applied INV-2026-004512 100.00
        expect customer acme
        expect reason invoice number INV-2026-004512 in remittance; amount equal
        """);

    [Theory]
    [InlineData("inv-2026-004512")]
    [InlineData("2026-004512")]
    [InlineData("INV-2026-4512")]
    [InlineData("INV/2026/004512")]
    [InlineData("INV 2026 004512")]
    [InlineData("RE:INV2026004512/PAY")]
    [InlineData("INV20264512")]
    public void Noisy_references_are_recognised(string reference) => Run($"""
        invoice INV-2026-004512 acme 2026-01-10 100.00 EUR
        invoice INV-2026-004999 bolt 2026-01-10 100.00 EUR
        bank 2026-02-20 100.00 EUR "Zahlung {reference} danke" payer "Acme Trading"
        expect applied INV-2026-004512 100.00
        """);

    [Fact]
    public void Several_references_in_one_line_pay_several_invoices() => Run("""
        invoice INV-1001 acme 2026-01-10 100.00 EUR
        invoice INV-1002 acme 2026-01-12 50.00 EUR
        invoice INV-1003 acme 2026-01-14 70.00 EUR
        bank 2026-02-20 150.00 EUR "INV-1001, INV-1002" payer "ACME"
        expect applied INV-1001 100.00, INV-1002 50.00
        """);

    [Fact]
    public void A_purchase_order_number_finds_the_invoice() => Run("""
        invoice INV-1001 acme 2026-01-10 100.00 EUR po 4500012345
        bank 2026-02-20 100.00 EUR "your order 4500012345" payer "ACME Trading GmbH"
        expect applied INV-1001 100.00
        expect reason PO number 4500012345
        """);

    [Fact]
    public void One_transposed_digit_is_applied_when_amount_and_payer_agree() => Run("""
        invoice INV-2026-004512 acme 2026-01-10 812.40 EUR
        invoice INV-2026-004777 acme 2026-01-10 99.00 EUR
        bank 2026-02-20 812.40 EUR "INV-2026-005412" account DE89370400440532013000
        expect applied INV-2026-004512 812.40
        expect reason one digit off
        """);

    [Fact]
    public void One_transposed_digit_without_a_known_payer_is_only_suggested() => Run("""
        invoice INV-2026-004512 acme 2026-01-10 812.40 EUR
        bank 2026-02-20 812.40 EUR "INV-2026-005412" payer "SOMEBODY ELSE"
        expect not auto
        """);

    [Fact]
    public void Customer_is_recognised_by_name_variants_and_the_amount_picks_the_invoice() => Run("""
        invoice INV-1 cato 2026-01-10 1234.56 EUR
        invoice INV-2 cato 2026-01-11 99.00 EUR
        bank 2026-02-20 1234.56 EUR "PAYMENT" payer "MASCHINENBAU CATO A.G."
        expect applied INV-1 1234.56
        expect customer cato
        """);

    [Fact]
    public void A_truncated_payer_name_still_identifies_the_customer() => Run("""
        invoice INV-1 bolt 2026-01-10 777.77 EUR
        bank 2026-02-20 777.77 EUR "" payer "BOLT LOGIS"
        expect applied INV-1 777.77
        expect customer bolt
        """);

    [Fact]
    public void An_alias_identifies_the_customer() => Run("""
        invoice INV-1 acme 2026-01-10 310.00 EUR
        bank 2026-02-20 310.00 EUR "" payer "ACME HANDEL HAMBURG"
        expect applied INV-1 310.00
        """);

    [Fact]
    public void A_learned_account_is_recognised_next_time() => Run("""
        invoice INV-1 bolt 2026-01-10 45.10 EUR
        learned account "DE12 3456 7890 1234 5678 90" bolt
        bank 2026-02-20 45.10 EUR "" payer "J. DOE" account DE12345678901234567890
        expect applied INV-1 45.10
        expect customer bolt
        """);

    [Fact]
    public void One_payment_for_several_invoices_without_references_is_found_by_subset_sum() => Run("""
        invoice INV-1 acme 2026-01-10 120.35 EUR
        invoice INV-2 acme 2026-01-11 80.10 EUR
        invoice INV-3 acme 2026-01-12 333.33 EUR
        invoice INV-4 acme 2026-01-13 41.07 EUR
        bank 2026-02-20 241.52 EUR "SAMMELZAHLUNG" account DE89370400440532013000
        expect applied INV-1 120.35, INV-2 80.10, INV-4 41.07
        """);

    [Fact]
    public void Two_combinations_that_fit_are_only_suggested() => Run("""
        invoice INV-1 acme 2026-01-10 100.00 EUR
        invoice INV-2 acme 2026-01-11 100.00 EUR
        bank 2026-02-20 100.00 EUR "" account DE89370400440532013000
        expect status suggested
        """);

    [Fact]
    public void Cash_discount_within_terms_is_granted() => Run("""
        invoice INV-1 acme 2026-02-10 1000.00 EUR discount 2 until 2026-02-20
        bank 2026-02-18 980.00 EUR "INV-1 less 2% skonto" payer "ACME"
        expect applied INV-1 980.00
        expect discount INV-1 20.00
        """);

    [Fact]
    public void Cash_discount_without_reference_is_found_too() => Run("""
        invoice INV-1 acme 2026-02-10 1000.00 EUR discount 2 until 2026-02-20
        invoice INV-2 acme 2026-02-11 555.00 EUR
        bank 2026-02-18 980.00 EUR "" account DE89370400440532013000
        expect applied INV-1 980.00
        """);

    [Fact]
    public void Short_payment_applies_what_was_paid_and_opens_a_deduction() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 EUR
        bank 2026-02-20 950.00 EUR "INV-1 minus damaged goods" account DE89370400440532013000
        expect applied INV-1 950.00
        expect deduction INV-1 50.00
        """);

    [Fact]
    public void A_small_short_payment_is_written_off() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 EUR
        bank 2026-02-20 997.50 EUR "INV-1" account DE89370400440532013000
        expect applied INV-1 997.50
        expect writeoff INV-1 2.50
        """);

    [Fact]
    public void Over_payment_is_applied_in_full_and_the_rest_goes_on_account() => Run("""
        invoice INV-1 acme 2026-01-10 100.00 EUR
        bank 2026-02-20 120.00 EUR "INV-1" account DE89370400440532013000
        expect applied INV-1 100.00
        expect remainder 20.00
        """);

    [Fact]
    public void An_instalment_is_applied_and_the_rest_stays_open() => Run("""
        invoice INV-1 acme 2026-01-10 3000.00 EUR
        bank 2026-02-20 1000.00 EUR "instalment 1/3 INV-1" account DE89370400440532013000
        expect applied INV-1 1000.00
        expect reason partial payment
        """);

    [Fact]
    public void A_short_payment_of_two_invoices_fills_the_oldest_first() => Run("""
        invoice INV-1 acme 2026-01-10 100.00 EUR
        invoice INV-2 acme 2026-02-10 50.00 EUR
        bank 2026-02-20 120.00 EUR "ACME PAYMENT INV-1 INV-2" account DE89370400440532013000
        expect applied INV-1 100.00, INV-2 20.00
        """);

    [Fact]
    public void An_amount_that_fits_two_customers_is_not_applied() => Run("""
        invoice INV-1 acme 2026-01-10 500.00 EUR
        invoice INV-2 bolt 2026-01-10 500.00 EUR
        bank 2026-02-20 500.00 EUR "PAYMENT" payer "MAX MUSTERMANN"
        expect status suggested
        expect reason 2 customers
        """);

    [Fact]
    public void An_unknown_payer_without_reference_is_unidentified() => Run("""
        invoice INV-1 acme 2026-01-10 500.00 EUR
        bank 2026-02-20 432.10 EUR "PAYMENT" payer "MAX MUSTERMANN"
        expect status unidentified
        """);

    [Fact]
    public void An_unknown_payer_whose_amount_fits_one_invoice_is_only_suggested() => Run("""
        invoice INV-1 acme 2026-01-10 500.00 EUR
        bank 2026-02-20 500.00 EUR "" payer "MAX MUSTERMANN"
        expect status suggested
        """);

    [Fact]
    public void Another_entitys_invoice_is_a_wrong_pocket() => Run("""
        customer yank "Yankee Supplies Inc." entity US01
        invoice US-77001 yank 2026-01-10 640.00 USD
        bank 2026-02-20 640.00 USD "INVOICE US-77001" payer "YANKEE SUPPLIES"
        expect status wrong_pocket
        expect reason legal entity US01
        """);

    [Fact]
    public void A_foreign_currency_receipt_is_applied_in_the_invoice_currency() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 EUR
        rate EUR USD 1.10
        bank 2026-02-20 1101.50 USD "INV-1" account DE89370400440532013000
        expect applied INV-1 1000.00
        expect fx
        """);

    [Fact]
    public void A_converted_receipt_is_applied_by_the_amount_its_payer_instructed_without_a_rate_on_file() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 USD
        bank 2026-02-20 908.26 EUR "INV-1" account DE89370400440532013000 instructed 1000.00 USD
        expect applied INV-1 1000.00
        expect fx
        """);

    [Fact]
    public void A_converted_receipt_without_its_instructed_amount_or_a_rate_is_left_to_a_person() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 USD
        bank 2026-02-20 908.26 EUR "INV-1" account DE89370400440532013000
        expect status unapplied
        expect reason no exchange rate
        """);

    [Fact]
    public void An_instructed_amount_short_of_the_invoice_is_a_partial_payment_in_the_invoice_currency() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 USD
        bank 2026-02-20 899.26 EUR "INV-1" account DE89370400440532013000 instructed 990.00 USD
        expect applied INV-1 990.00
        expect reason partial payment
        expect fx
        """);

    [Fact]
    public void Bank_fees_are_ignored() => Run("""
        bank 2026-02-20 -12.50 EUR "BANK CHARGES"
        expect status ignored
        """);

    [Fact]
    public void A_known_customer_with_nothing_open_pays_on_account() => Run("""
        invoice INV-1 acme 2026-01-10 100.00 EUR
        bank 2026-02-20 500.00 EUR "advance" account GB29NWBK60161331926819
        expect status on_account
        expect customer bolt
        """);

    [Fact]
    public void A_known_customer_whose_items_do_not_fit_is_unapplied() => Run("""
        invoice INV-1 acme 2026-01-10 100.00 EUR
        bank 2026-02-20 66.66 EUR "" account DE89370400440532013000
        expect status unapplied
        expect customer acme
        """);

    [Fact]
    public void A_customer_number_in_the_text_does_not_override_the_payers_own_invoice() => Run("""
        invoice INV-12345 bolt 2026-01-10 70.00 EUR
        invoice INV-9 acme 2026-01-10 88.20 EUR
        bank 2026-02-20 88.20 EUR "CUST 12345" account DE89370400440532013000
        expect applied INV-9 88.20
        """);

    [Fact]
    public void A_per_entity_threshold_can_keep_everything_as_suggestion() => Run("""
        threshold 1.01
        invoice INV-1 acme 2026-01-10 100.00 EUR
        bank 2026-02-20 100.00 EUR "INV-1" account DE89370400440532013000
        expect status suggested
        """);

    [Fact]
    public void A_chinese_name_with_its_legal_form_cut_short_is_recognised() => Scenario.Run("""
        customer hua "上海华美贸易有限公司" entity CN01
        invoice FP2026001 hua 2026-01-10 8800.00 CNY entity CN01
        bank 2026-02-20 8800.00 CNY "货款" payer "上海华美贸易有限" entity CN01
        expect applied FP2026001 8800.00
        """);

    [Fact]
    public void A_creditor_reference_in_structured_remittance_carries_the_invoice_number() => Run("""
        invoice 539007547034 cato 2026-01-10 420.00 EUR
        bank 2026-02-20 420.00 EUR "" ref "RF18 5390 0754 7034" payer "CATO MASCHINENBAU"
        expect applied 539007547034 420.00
        """);

    [Fact]
    public void Abbreviated_names_match_their_long_forms() => Run("""
        customer intl "Nordic Steel International Manufacturing Ltd."
        invoice INV-1 intl 2026-01-10 640.25 EUR
        bank 2026-02-20 640.25 EUR "" payer "NORDIC STEEL INTL MFG LIMITED"
        expect applied INV-1 640.25
        """);

    [Fact]
    public void A_credit_note_named_in_the_remittance_is_netted() => Run("""
        invoice INV-1 acme 2026-01-10 500.00 EUR
        invoice CN-2026-0007 acme 2026-01-15 -120.00 EUR
        bank 2026-02-20 380.00 EUR "INV-1 less CN-2026-0007" account DE89370400440532013000
        expect applied INV-1 500.00, CN-2026-0007 -120.00
        """);

    [Theory]
    [InlineData("MUELLER KUEHLTECHNIK GMBH")]
    [InlineData("Muller Kuhltechnik")]
    [InlineData("MÜLLER KÜHLTECHNIK HAUPTSTR 5")]
    public void Umlauts_match_however_the_bank_spells_them(string payer) => Run($"""
        customer muel "Müller Kühltechnik GmbH"
        invoice INV-1 muel 2026-01-10 912.30 EUR
        bank 2026-02-20 912.30 EUR "" payer "{payer}"
        expect applied INV-1 912.30
        """);

    [Fact]
    public void A_typo_that_hits_another_of_the_payers_invoices_is_left_to_a_person() => Run("""
        invoice INV-2026-003461 acme 2026-01-10 44.13 EUR
        invoice INV-2026-003561 acme 2026-01-12 48694.89 EUR
        bank 2026-02-20 44.13 EUR "PAYMENT INV-2026-003561" account DE89370400440532013000
        expect status suggested
        """);

    [Fact]
    public void One_invoice_more_that_also_fits_makes_a_payment_without_reference_a_suggestion() => Run("""
        invoice INV-1 acme 2026-01-10 1000.00 EUR
        invoice INV-2 acme 2026-01-11 500.00 EUR
        invoice INV-3 acme 2026-01-12 500.00 EUR
        bank 2026-02-20 1000.00 EUR "" account DE89370400440532013000
        expect status suggested
        expect reason one more invoice
        """);

    [Fact]
    public void A_remittance_cut_short_is_completed_by_the_payers_invoice_that_makes_the_amount_exact() => Run("""
        invoice INV-1001 acme 2026-01-10 1331.09 EUR
        invoice INV-1002 acme 2026-01-12 1984.51 EUR
        invoice INV-1003 acme 2026-01-14 2242.14 EUR
        invoice INV-1004 acme 2026-01-15 593.68 EUR
        invoice INV-1005 acme 2026-01-16 811.20 EUR
        bank 2026-02-20 6151.42 EUR "INV-1001, INV-1002, INV-1003, INV" payer "ACME" account DE89370400440532013000
        expect applied INV-1001 1331.09, INV-1002 1984.51, INV-1003 2242.14, INV-1004 593.68
        expect reason of the same payer the amount is exact
        """);

    [Fact]
    public void An_over_payment_made_of_several_small_invoices_is_not_taken_for_a_cut_short_remittance() => Run("""
        invoice INV-1001 acme 2026-01-10 5130.64 EUR
        invoice INV-1002 acme 2026-01-12 58.24 EUR
        invoice INV-1003 acme 2026-01-14 48.72 EUR
        invoice INV-1004 acme 2026-01-15 31.56 EUR
        bank 2026-02-20 5269.16 EUR "INV-1001" payer "ACME" account DE89370400440532013000
        expect not
        """);

    [Fact]
    public void A_typo_landing_on_a_neighbour_of_the_payer_is_read_as_the_typo_when_the_amount_settles_it() => Run("""
        invoice INV-2026-002361 acme 2026-01-10 5837.89 EUR
        invoice INV-2026-002367 acme 2026-01-12 2120.61 EUR
        bank 2026-02-20 2120.61 EUR "2026-002361" payer "ACME" account DE89370400440532013000
        expect applied INV-2026-002367 2120.61
        expect reason one digit off
        """);

    [Fact]
    public void A_round_instalment_is_not_read_as_a_typo_of_a_neighbour() => Run("""
        invoice INV-2026-001104 acme 2026-01-10 5000.00 EUR
        invoice INV-2026-001106 acme 2026-01-12 2500.00 EUR
        bank 2026-02-20 2500.00 EUR "INV-2026-001104 1st instalment" payer "ACME" account DE89370400440532013000
        expect not
        """);

    [Fact]
    public void A_payer_name_glued_by_the_banks_line_wrap_is_still_recognised() => Run("""
        customer orion "Orion Systems Ltd"
        invoice INV-3001 orion 2026-01-10 9762.65 EUR
        bank 2026-02-20 9728.77 EUR "INV-3001 less damaged goods" payer "OrionSystems LTD."
        expect applied INV-3001 9728.77
        expect customer orion
        """);

    [Fact]
    public void An_over_payment_that_is_exactly_one_more_invoice_of_the_payer_pays_that_invoice_too() => Run("""
        invoice INV-1001 acme 2026-01-10 1331.09 EUR
        invoice INV-1002 acme 2026-01-12 1984.51 EUR
        invoice INV-1003 acme 2026-01-14 21515.06 EUR
        invoice INV-1004 acme 2026-01-15 1500.00 EUR
        invoice INV-1005 acme 2026-01-16 20015.06 EUR
        bank 2026-02-20 24830.66 EUR "INV-1001, INV-1002, INV-" payer "ACME" account DE89370400440532013000
        expect applied INV-1001 1331.09, INV-1002 1984.51, INV-1003 21515.06
        expect reason with INV-1003 of the same payer the amount is exact
        """);
}
