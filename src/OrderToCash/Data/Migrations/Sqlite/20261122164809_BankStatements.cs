using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OrderToCash.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BankStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_reconciliations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BankAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StatementLines = table.Column<int>(type: "INTEGER", nullable: false),
                    LedgerLines = table.Column<int>(type: "INTEGER", nullable: false),
                    PostedNetMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    IgnoredNetMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    LedgerNetMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Differences = table.Column<int>(type: "INTEGER", nullable: false),
                    IsTiedOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    DifferencesText = table.Column<string>(type: "TEXT", nullable: true),
                    RunAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RunBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bank_reconciliations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bank_statements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LegalEntityId = table.Column<string>(type: "TEXT", nullable: false),
                    BankAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsIntraday = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatementId = table.Column<string>(type: "TEXT", nullable: true),
                    Account = table.Column<string>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    OpeningBalanceMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosingBalanceMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    FromDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ToDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false),
                    BalanceCheck = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bank_statements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "remittance_advices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Payer = table.Column<string>(type: "TEXT", nullable: false),
                    PaymentReference = table.Column<string>(type: "TEXT", nullable: true),
                    PaymentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StatementLineId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remittance_advices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statement_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BankAccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LegalEntityId = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    BatchTransactionIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    BatchReference = table.Column<string>(type: "TEXT", nullable: true),
                    BankReference = table.Column<string>(type: "TEXT", nullable: true),
                    KeyReference = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Occurrence = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CounterpartyName = table.Column<string>(type: "TEXT", nullable: true),
                    CounterpartyAccount = table.Column<string>(type: "TEXT", nullable: true),
                    Remittance = table.Column<string>(type: "TEXT", nullable: true),
                    StructuredReferences = table.Column<string>(type: "TEXT", nullable: true),
                    EndToEndId = table.Column<string>(type: "TEXT", nullable: true),
                    BankTransactionCode = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<string>(type: "TEXT", nullable: true),
                    ReceiptOpenItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JournalEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConfirmedByStatementId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statement_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_statement_lines_bank_statements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "bank_statements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "remittance_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "TEXT", nullable: false),
                    InvoiceKey = table.Column<string>(type: "TEXT", nullable: false),
                    PaidMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    BilledMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    DiscountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    AdjustmentMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    AdjustmentReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remittance_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_remittance_lines_remittance_advices_AdviceId",
                        column: x => x.AdviceId,
                        principalTable: "remittance_advices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bank_reconciliations_BankAccountId_RunAt",
                table: "bank_reconciliations",
                columns: new[] { "BankAccountId", "RunAt" });

            migrationBuilder.CreateIndex(
                name: "IX_bank_statements_BankAccountId_ToDate",
                table: "bank_statements",
                columns: new[] { "BankAccountId", "ToDate" });

            migrationBuilder.CreateIndex(
                name: "IX_bank_statements_ContentSha256_Position",
                table: "bank_statements",
                columns: new[] { "ContentSha256", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remittance_advices_AmountMinor_PaymentDate",
                table: "remittance_advices",
                columns: new[] { "AmountMinor", "PaymentDate" });

            migrationBuilder.CreateIndex(
                name: "IX_remittance_advices_ContentSha256_Position",
                table: "remittance_advices",
                columns: new[] { "ContentSha256", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remittance_advices_StatementLineId",
                table: "remittance_advices",
                column: "StatementLineId");

            migrationBuilder.CreateIndex(
                name: "IX_remittance_lines_AdviceId_LineNo",
                table: "remittance_lines",
                columns: new[] { "AdviceId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_remittance_lines_InvoiceKey",
                table: "remittance_lines",
                column: "InvoiceKey");

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_BankAccountId_BookingDate_KeyReference_AmountMinor_Occurrence",
                table: "statement_lines",
                columns: new[] { "BankAccountId", "BookingDate", "KeyReference", "AmountMinor", "Occurrence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_EndToEndId",
                table: "statement_lines",
                column: "EndToEndId");

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_JournalEntryId",
                table: "statement_lines",
                column: "JournalEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_StatementId",
                table: "statement_lines",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_statement_lines_Status_BankAccountId",
                table: "statement_lines",
                columns: new[] { "Status", "BankAccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_reconciliations");

            migrationBuilder.DropTable(
                name: "remittance_lines");

            migrationBuilder.DropTable(
                name: "statement_lines");

            migrationBuilder.DropTable(
                name: "remittance_advices");

            migrationBuilder.DropTable(
                name: "bank_statements");
        }
    }
}
